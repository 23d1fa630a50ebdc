/* fuzz_vocab.c - libFuzzer: bytes -> a user vocabulary merged over the
 * built-in one, then a fixed case checked and classified with it. */
#include <stddef.h>
#include <stdint.h>

#include "case_read.h"
#include "classify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sg_arena a = SG_ARENA_INIT;
    sg_diags d;
    sg_diags_init(&d, &a);
    sg_vocab v;
    if (sg_vocab_load_text(&v, &a, "fuzz.yaml", (const char *)data, size,
                           &d) == 0) {
        static const char src[] =
            "---\ntitle: T\ncountry: DK\nsector: S\nstage: latent\n"
            "traits: {projects: external, focus: organisation}\n"
            "funding: [{source: x, type: public, amount: 10, currency: DKK}]\n"
            "activities: [networking events, {name: y, connects: [firms]}]\n"
            "---\n";
        sg_case c;
        if (sg_case_parse(&a, &v, "x.md", src, sizeof src - 1, &c, &d) == 0) {
            sg_class k;
            sg_classify(&a, &v, &c, &k);
        }
    }
    sg_arena_free(&a);
    return 0;
}
