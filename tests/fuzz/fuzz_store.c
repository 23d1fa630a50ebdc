/* fuzz_store.c - libFuzzer: bytes -> the case store's payload reader.
 * A store is the binary's own, but it lies in a folder others can
 * write: whatever it holds must be refused or read, never crash. */
#include <stddef.h>
#include <stdint.h>

#include <string.h>

#include "case_store.h"

static sg_vocab V;
static sg_arena VA;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    sg_diags d;
    sg_diags_init(&d, &VA);
    return sg_vocab_load(&V, &VA, NULL, &d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sg_arena a = SG_ARENA_INIT;
    sg_cc_entry *e;
    size_t n;
    if (sg_case_store_decode(&V, &a, data, size, &e, &n)) {
        /* what a build reads of a record it is given */
        size_t sum = 0;
        for (size_t i = 0; i < n; i++) {
            const sg_case *c = e[i].c;
            sum += strlen(c->file) + c->nacts;
        }
        (void)sum;
    }
    sg_arena_free(&a);
    return 0;
}
