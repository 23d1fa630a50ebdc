/* fuzz_template.c - libFuzzer: bytes -> Mustache compiler and renderer.
 * Every partial or parent name resolves to the input itself, so
 * recursion limits are exercised too. */
#include <stddef.h>
#include <stdint.h>

#include "mustache.h"
#include "yaml_read.h"

static sg_arena DA;
static sg_value *DATA;

static const sg_tpl *S_self(void *ctx, const char *name, sg_diags *d)
{
    (void)name; (void)d;
    return ctx;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    static const char yaml[] =
        "a: 1\nb: [1, 2, {c: x, d: [true, false]}]\ns: \"<&>\"\n"
        "n: {m: {o: deep}}\nt: true\nf: false\ne: []\nz: null\n"
        "template: a\nlist: [{name: x, kids: [{name: y, kids: []}]}]\n";
    sg_diags d;
    sg_diags_init(&d, &DA);
    return sg_yaml_parse(&DA, "data", yaml, sizeof yaml - 1, 1, &DATA, &d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sg_arena a = SG_ARENA_INIT;
    sg_diags d;
    sg_diags_init(&d, &a);
    sg_tpl *t = sg_tpl_compile(&a, "fuzz.mustache", (const char *)data, size,
                               &d);
    if (t) {
        sg_tpl_loader loader = { t, S_self };
        sg_buf out = SG_BUF_INIT;
        sg_tpl_render(t, DATA, &loader, &out, &d);
        sg_tpl_check_partials(t, &loader, &d);
        sg_buf_free(&out);
    }
    sg_arena_free(&a);
    return 0;
}
