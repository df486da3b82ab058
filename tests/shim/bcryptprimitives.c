/* Test-only stand-in for Windows' bcryptprimitives.dll, for running esign.exe under wine 8.0
 * (Debian 12), which lacks that DLL. Rust's standard library imports one function from it,
 * ProcessPrng, for random numbers (HashMap seeds); this one fills the buffer with
 * RtlGenRandom (advapi32's SystemFunction036), which wine has. The product never ships it:
 * scripts/smoke-windows builds it next to the .exe it tests, with
 *   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG chunk = len > 0x7fffffff ? 0x7fffffff : (ULONG)len;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
