/* Test-only PKCS#11 module: forwards every call to a real module (P11SHIM_REAL,
 * default SoftHSM2) and changes what esign sees, to reproduce what SoftHSM2 never does.
 *  P11SHIM_OR_FLAGS=hex        OR into CK_TOKEN_INFO.flags (count low / final try / locked)
 *  P11SHIM_REJECT_INIT_ARGS=1  C_Initialize(non-NULL) -> CKR_ARGUMENTS_BAD (reported AKIS behaviour)
 *  P11SHIM_REJECT_NULL_INIT=1 C_Initialize(NULL) -> CKR_ARGUMENTS_BAD (a module that wants arguments)
 *  P11SHIM_EMPTY_PRESENT=1     C_GetSlotList(tokenPresent=TRUE) -> 0 slots (reported AKIS quirk)
 *  P11SHIM_NO_SLOTS=1          C_GetSlotList -> 0 slots (no reader connected)
 *  P11SHIM_NO_TOKEN=1          C_GetSlotInfo clears CKF_TOKEN_PRESENT (reader without a card)
 *  P11SHIM_LOG=path            append one line per C_Initialize / C_Finalize / C_Login call
 *  P11SHIM_HANG_INIT=1         C_Initialize never returns (a hung module, for esign doctor's time limit)
 *  P11SHIM_LOAD_LOG=path       append "loaded" / "unloaded" as the module enters and leaves the process
 * Built by the tests with: cc -shared -fPIC -I/usr/include/p11-kit-1 flagshim.c -ldl */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <p11-kit/pkcs11.h>

static CK_FUNCTION_LIST shim_list;
static CK_FUNCTION_LIST_PTR real;

static void shim_log(const char *what, CK_RV rv) {
    const char *path = getenv("P11SHIM_LOG");
    FILE *f;
    if (!path || !(f = fopen(path, "a"))) return;
    fprintf(f, "%s %lu\n", what, (unsigned long)rv);
    fclose(f);
}

static void load_log(const char *what) {
    const char *path = getenv("P11SHIM_LOAD_LOG");
    FILE *f;
    if (!path || !(f = fopen(path, "a"))) return;
    fprintf(f, "%s\n", what);
    fclose(f);
}

__attribute__((constructor)) static void shim_loaded(void) { load_log("loaded"); }
__attribute__((destructor)) static void shim_unloaded(void) { load_log("unloaded"); }

static CK_RV shim_Initialize(CK_VOID_PTR args) {
    CK_RV rv;
    if (getenv("P11SHIM_HANG_INIT")) for (;;) pause();
    if (args && getenv("P11SHIM_REJECT_INIT_ARGS")) rv = CKR_ARGUMENTS_BAD;
    else if (!args && getenv("P11SHIM_REJECT_NULL_INIT")) rv = CKR_ARGUMENTS_BAD;
    else rv = real->C_Initialize(args);
    shim_log(args ? "C_Initialize(args)" : "C_Initialize(NULL)", rv);
    return rv;
}

static CK_RV shim_Finalize(CK_VOID_PTR reserved) {
    CK_RV rv = real->C_Finalize(reserved);
    shim_log("C_Finalize", rv);
    return rv;
}

static CK_RV shim_Login(CK_SESSION_HANDLE s, CK_USER_TYPE u, CK_UTF8CHAR_PTR pin, CK_ULONG len) {
    shim_log("C_Login", CKR_OK);
    return real->C_Login(s, u, pin, len);
}

static CK_RV shim_GetSlotList(CK_BBOOL present, CK_SLOT_ID_PTR list, CK_ULONG_PTR count) {
    if (getenv("P11SHIM_NO_SLOTS") || (present && getenv("P11SHIM_EMPTY_PRESENT"))) {
        if (!count) return CKR_ARGUMENTS_BAD;
        *count = 0;
        return CKR_OK;
    }
    return real->C_GetSlotList(present, list, count);
}

static CK_RV shim_GetSlotInfo(CK_SLOT_ID slot, CK_SLOT_INFO_PTR info) {
    CK_RV rv = real->C_GetSlotInfo(slot, info);
    if (rv == CKR_OK && getenv("P11SHIM_NO_TOKEN")) info->flags &= ~(CK_FLAGS)CKF_TOKEN_PRESENT;
    return rv;
}

static CK_RV shim_GetTokenInfo(CK_SLOT_ID slot, CK_TOKEN_INFO_PTR info) {
    CK_RV rv = real->C_GetTokenInfo(slot, info);
    const char *flags = getenv("P11SHIM_OR_FLAGS");
    if (rv == CKR_OK && flags) info->flags |= strtoul(flags, NULL, 16);
    return rv;
}

CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR out) {
    if (!out) return CKR_ARGUMENTS_BAD;
    if (!real) {
        const char *path = getenv("P11SHIM_REAL");
        void *lib = dlopen(path ? path : "/usr/lib/softhsm/libsofthsm2.so", RTLD_NOW | RTLD_LOCAL);
        CK_C_GetFunctionList get;
        if (!lib) return CKR_GENERAL_ERROR;
        get = (CK_C_GetFunctionList)dlsym(lib, "C_GetFunctionList");
        if (!get || get(&real) != CKR_OK) return CKR_GENERAL_ERROR;
        shim_list = *real;
        shim_list.C_Initialize = shim_Initialize;
        shim_list.C_Finalize = shim_Finalize;
        shim_list.C_Login = shim_Login;
        shim_list.C_GetSlotList = shim_GetSlotList;
        shim_list.C_GetSlotInfo = shim_GetSlotInfo;
        shim_list.C_GetTokenInfo = shim_GetTokenInfo;
    }
    *out = &shim_list;
    return CKR_OK;
}
