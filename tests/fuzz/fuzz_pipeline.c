/* fuzz_pipeline.c - libFuzzer: bytes -> case -> classification -> views ->
 * the real case page template -> links. Run from the project root so
 * that templates/ is found. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_read.h"
#include "classify.h"
#include "links.h"
#include "tpl_dir.h"
#include "view.h"

static sg_vocab V;
static sg_arena VA;
static sg_tpl_dir TD;
static const sg_tpl *CASE_TPL;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    sg_diags d;
    sg_diags_init(&d, &VA);
    if (sg_vocab_load(&V, &VA, NULL, &d) != 0)
        abort();
    sg_tpl_dir_init(&TD, &VA, "templates");
    CASE_TPL = sg_tpl_dir_get(&TD, "case", &d);
    /* load every partial now: rendering then only reads the cache */
    sg_tpl_dir_get(&TD, "layout", &d);
    sg_tpl_dir_get(&TD, "gap-strip", &d);
    if (!CASE_TPL) {
        fprintf(stderr, "run from the project root (templates/ not found)\n");
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sg_arena a = SG_ARENA_INIT;
    sg_diags d;
    sg_diags_init(&d, &a);
    sg_case c;
    sg_case *cp = &c;
    if (sg_case_parse(&a, &V, "cases/fuzz.md", (const char *)data, size, &c,
                      &d) == 0) {
        sg_class k;
        sg_classify(&a, &V, &c, &k);
        sg_view_cache vc;
        memset(&vc, 0, sizeof vc);
        sg_analysis an;
        sg_analyse(&a, &V, &cp, &k, 1, &an);
        sg_case_entry *e = sg_view_entries(&a, &V, &vc, &cp, &k, &an, 1);
        sg_view out;
        sg_site_opts so = { .base_url = "", .title = "fuzz" };
        sg_view_build(&a, &V, &an, e, 1, &so, &out);
        sg_value *view = e->view;
        sg_value *ctx = sg_map(&a);
        sg_map_add(&a, ctx, "root", sg_str(&a, "../../"));
        sg_map_add(&a, ctx, "site", out.site);
        sg_map_add(&a, ctx, "case", view);
        sg_map_add(&a, ctx, "detail", sg_view_case_detail(&a, e, &d));
        sg_buf html = SG_BUF_INIT;
        if (sg_tpl_render(CASE_TPL, ctx, &TD.loader, &html, &d) == 0) {
            sg_links l;
            sg_strset files;
            sg_strset_init(&files, &a);
            sg_links_init(&l, &a, &files);
            sg_links_page(&l, "cases/fuzz/index.html", "case", html.ptr,
                          html.len, &d);
            sg_links_finish(&l, &d);
        }
        sg_buf json = SG_BUF_INIT;
        sg_json_write(&json, view, 1);
        sg_buf_free(&json);
        sg_buf_free(&html);
    }
    sg_arena_free(&a);
    return 0;
}
