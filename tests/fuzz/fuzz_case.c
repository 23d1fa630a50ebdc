/* fuzz_case.c - libFuzzer: bytes -> front matter reader and checker. */
#include <stddef.h>
#include <stdint.h>

#include "case_read.h"
#include "classify.h"

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
    sg_diags d;
    sg_diags_init(&d, &a);
    sg_case c;
    if (sg_case_parse(&a, &V, "fuzz.md", (const char *)data, size, &c, &d) == 0) {
        sg_class k;
        sg_classify(&a, &V, &c, &k);
    }
    sg_buf out = SG_BUF_INIT;
    sg_diags_print_text(&d, &out, false);
    sg_diags_print_json(&d, &out);
    sg_buf_free(&out);
    sg_arena_free(&a);
    return 0;
}
