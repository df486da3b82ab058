/* Test-only PKCS#11 module that is broken on purpose: C_GetFunctionList answers CKR_OK
 * and hands back a NULL function list. esign must refuse it with a clean error instead of
 * following the pointer (issue 9, item 7).
 * Built by the tests with: cc -shared -fPIC -I/usr/include/p11-kit-1 nulllist.c */
#include <stddef.h>
#include <p11-kit/pkcs11.h>

CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR list) {
    if (list) *list = NULL;
    return CKR_OK;
}
