/* Test-only fixture writer: logs in to a SoftHSM2 token as its user and creates one
 * X.509 certificate object with exactly the attributes given, which pkcs11-tool cannot
 * do (it ignores --private for certificates and refuses values that do not parse).
 *   p11put MODULE TOKEN_LABEL USER_PIN OBJECT_LABEL VALUE_FILE PRIVATE(0|1)
 * Used for "the card hides its certificate until login" and "a certificate object that
 * does not parse". Built by the tests with: cc -I/usr/include/p11-kit-1 p11put.c -ldl */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <p11-kit/pkcs11.h>

static int fail(const char *what, CK_RV rv) {
    fprintf(stderr, "p11put: %s failed: 0x%lx\n", what, (unsigned long)rv);
    return 1;
}

int main(int argc, char **argv) {
    if (argc != 7) { fprintf(stderr, "usage: p11put MODULE TOKEN PIN LABEL FILE PRIVATE\n"); return 2; }
    void *lib = dlopen(argv[1], RTLD_NOW);
    if (!lib) { fprintf(stderr, "p11put: %s\n", dlerror()); return 1; }
    CK_C_GetFunctionList get = (CK_C_GetFunctionList)dlsym(lib, "C_GetFunctionList");
    CK_FUNCTION_LIST_PTR p;
    CK_RV rv;
    if (!get || (rv = get(&p)) != CKR_OK) return fail("C_GetFunctionList", CKR_GENERAL_ERROR);
    if ((rv = p->C_Initialize(NULL)) != CKR_OK) return fail("C_Initialize", rv);

    FILE *f = fopen(argv[5], "rb");
    if (!f) { perror(argv[5]); return 1; }
    static unsigned char value[65536];
    size_t len = fread(value, 1, sizeof value, f);
    fclose(f);

    CK_SLOT_ID slots[32];
    CK_ULONG n = 32, i;
    if ((rv = p->C_GetSlotList(CK_TRUE, slots, &n)) != CKR_OK) return fail("C_GetSlotList", rv);
    for (i = 0; i < n; i++) {
        CK_TOKEN_INFO info;
        char label[33];
        if (p->C_GetTokenInfo(slots[i], &info) != CKR_OK) continue;
        memcpy(label, info.label, 32);
        label[32] = 0;
        for (int k = 31; k >= 0 && label[k] == ' '; k--) label[k] = 0;
        if (strcmp(label, argv[2]) == 0) break;
    }
    if (i == n) { fprintf(stderr, "p11put: no token %s\n", argv[2]); return 1; }

    CK_SESSION_HANDLE s;
    if ((rv = p->C_OpenSession(slots[i], CKF_SERIAL_SESSION | CKF_RW_SESSION, NULL, NULL, &s)) != CKR_OK)
        return fail("C_OpenSession", rv);
    if ((rv = p->C_Login(s, CKU_USER, (CK_UTF8CHAR_PTR)argv[3], strlen(argv[3]))) != CKR_OK)
        return fail("C_Login", rv);

    CK_OBJECT_CLASS cls = CKO_CERTIFICATE;
    CK_CERTIFICATE_TYPE type = CKC_X_509;
    CK_BBOOL yes = CK_TRUE, priv = atoi(argv[6]) ? CK_TRUE : CK_FALSE;
    unsigned char subject[] = {0x30, 0x00}; /* SoftHSM2 requires CKA_SUBJECT; its value is not checked */
    CK_ATTRIBUTE t[] = {
        {CKA_CLASS, &cls, sizeof cls},
        {CKA_CERTIFICATE_TYPE, &type, sizeof type},
        {CKA_TOKEN, &yes, sizeof yes},
        {CKA_PRIVATE, &priv, sizeof priv},
        {CKA_LABEL, argv[4], strlen(argv[4])},
        {CKA_SUBJECT, subject, sizeof subject},
        {CKA_VALUE, value, len},
    };
    CK_OBJECT_HANDLE h;
    if ((rv = p->C_CreateObject(s, t, sizeof t / sizeof t[0], &h)) != CKR_OK) return fail("C_CreateObject", rv);
    p->C_Logout(s);
    p->C_CloseSession(s);
    p->C_Finalize(NULL);
    return 0;
}
