/* view_frameworks.c - clusterpreneurs (000), the self-assessment
 * triangle (002) and cluster alliances (003): case parts and pages. */
#include "view_frameworks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The vocabulary's `frameworks18.<path>` (NULL when absent). */
static sg_value *S_fw(const sg_vocab *v, const char *path)
{
    char full[128];
    snprintf(full, sizeof full, "frameworks18.%s", path);
    return sg_value_at(v->root, full);
}

static const char *S_fw_word(const sg_vocab *v, const char *path)
{
    const char *s = sg_value_str(S_fw(v, path));
    return s ? s : "";
}

static const char *S_key(const sg_vocab *v, sg_list_id l, int i)
{
    return i >= 0 && (size_t)i < v->lists[l].n ? v->lists[l].keys[i] : NULL;
}

static bool S_in(const sg_value *list, const char *word)
{
    if (!word || !list || list->type != SG_LIST)
        return false;
    for (size_t i = 0; i < list->u.list.n; i++) {
        const char *s = sg_value_str(list->u.list.items[i]);
        if (s && strcmp(s, word) == 0)
            return true;
    }
    return false;
}

/* `name` of the entry of a {key, name} list in the vocabulary whose key
 * is `key`; the key itself when none. */
static const char *S_named(const sg_value *list, const char *key)
{
    for (size_t i = 0; list && list->type == SG_LIST && i < list->u.list.n;
         i++) {
        const sg_value *x = list->u.list.items[i];
        const char *k = sg_value_str(sg_map_get(x, "key"));
        if (k && key && strcmp(k, key) == 0) {
            const char *n = sg_value_str(sg_map_get(x, "name"));
            return n ? n : key;
        }
    }
    return key;
}

/* The entry of `list` the vocabulary's frameworks18.<path> names, -1. */
static int S_fw_index(const sg_vocab *v, sg_list_id list, const char *path)
{
    const char *w = sg_value_str(S_fw(v, path));
    return w ? sg_vocab_word(v, list, w) : -1;
}

/* The bitmask of initiator types a case names. */
static unsigned S_types(const sg_case *c)
{
    unsigned m = 0;
    for (size_t i = 0; i < c->ninitiators; i++)
        if (c->initiators[i].type >= 0 && c->initiators[i].type < 32)
            m |= 1u << c->initiators[i].type;
    return m;
}

static int S_popcount(unsigned m)
{
    int n = 0;
    for (; m; m &= m - 1)
        n++;
    return n;
}

/* ---- the case view's parts (exports) ---- */

sg_value *sg_view_fw_initiators(sg_arena *a, const void *entry)
{
    const sg_case_entry *e = entry;
    const sg_case *c = e->c;
    const sg_vocab *v = e->v;
    if (!c->ninitiators)
        return sg_const_null();
    sg_value *l = sg_list(a);
    for (size_t i = 0; i < c->ninitiators; i++) {
        const sg_initiator *in = &c->initiators[i];
        sg_value *x = sg_map_sized(a, 5);
        STR(x, "name", in->name);
        STR(x, "type", S_key(v, SG_L_INITIATOR_TYPES, in->type));
        STR(x, "sector", S_key(v, SG_L_INITIATOR_SECTORS, in->sector));
        STR(x, "role", S_key(v, SG_L_INITIATOR_ROLES, in->role));
        if (in->year) NUM(x, "year", in->year); else NUL(x, "year");
        sg_list_push(a, l, x);
    }
    return l;
}

sg_value *sg_view_fw_alliances(sg_arena *a, const void *entry)
{
    const sg_case_entry *e = entry;
    const sg_case *c = e->c;
    if (!c->nalliances)
        return sg_const_null();
    sg_value *l = sg_list(a);
    for (size_t i = 0; i < c->nalliances; i++) {
        const sg_alliance *al = &c->alliances[i];
        sg_value *x = sg_map_sized(a, 5);
        STR(x, "partner", al->partner);
        STR(x, "level", S_key(e->v, SG_L_ALLIANCE_LEVELS, al->level));
        STR(x, "scope", al->scope);
        STR(x, "horizon", al->horizon);
        STR(x, "linkages", al->linkages);
        sg_list_push(a, l, x);
    }
    return l;
}

sg_value *sg_view_fw_assessment(sg_arena *a, const void *entry)
{
    const sg_case_entry *e = entry;
    const sg_case *c = e->c;
    if (!c->nanswers || !c->answers)
        return sg_const_null();
    sg_value *m = sg_map_sized(a, c->nanswers);
    for (size_t q = 0; q < e->v->nquestions; q++)
        if (c->answers[q])
            sg_map_add(a, m, e->v->questions[q].id, S_ref(a, c->answers[q]));
    return m;
}

/* Flat cells for cases.csv: null where nothing is recorded. */
sg_value *sg_view_fw_summary(sg_arena *a, const void *entry)
{
    const sg_case_entry *e = entry;
    const sg_case *c = e->c;
    const sg_vocab *v = e->v;
    sg_value *m = sg_map_sized(a, 4);
    unsigned types = S_types(c);
    if (types) {
        sg_buf b = SG_BUF_INIT;
        for (size_t t = 0; t < v->lists[SG_L_INITIATOR_TYPES].n; t++)
            if (types & (1u << t))
                sg_buf_printf(&b, "%s%s", b.len ? ";" : "",
                              v->lists[SG_L_INITIATOR_TYPES].keys[t]);
        ADD(m, "initiator_types", sg_strn(a, b.ptr, b.len));
        sg_buf_free(&b);
    } else {
        NUL(m, "initiator_types");
    }
    if (c->ninitiators) BOOL(m, "several_types", S_popcount(types) > 1);
    else NUL(m, "several_types");
    if (c->nanswers) NUM(m, "answered", (double)c->nanswers);
    else NUL(m, "answered");
    return m;
}

/* ---- the case page ---- */

static sg_value *S_initiators_detail(sg_arena *a, const sg_case_entry *e)
{
    const sg_case *c = e->c;
    const sg_vocab *v = e->v;
    if (!c->ninitiators && !c->formalised)
        return sg_const_null();
    const sg_value *types = S_fw(v, "clusterpreneurs.types");
    sg_value *d = sg_map(a);
    sg_value *rows = sg_list(a);
    for (size_t i = 0; i < c->ninitiators; i++) {
        const sg_initiator *in = &c->initiators[i];
        sg_value *x = sg_map(a);
        STR(x, "name", in->name);
        const char *tk = S_key(v, SG_L_INITIATOR_TYPES, in->type);
        STR(x, "type", tk);
        STR(x, "type_name", tk ? S_named(types, tk) : NULL);
        STR(x, "sector", S_key(v, SG_L_INITIATOR_SECTORS, in->sector));
        STR(x, "role", S_key(v, SG_L_INITIATOR_ROLES, in->role));
        if (in->year) NUM(x, "year", in->year); else NUL(x, "year");
        sg_list_push(a, rows, x);
    }
    ADD(d, "rows", rows);
    if (c->formalised) NUM(d, "formalised", c->formalised);
    else NUL(d, "formalised");
    BOOL(d, "several", S_popcount(S_types(c)) > 1);
    STR(d, "several_word", S_fw_word(v, "clusterpreneurs.several"));
    STR(d, "legitimacy", S_fw_word(v, "clusterpreneurs.legitimacy"));
    STR(d, "source", S_fw_word(v, "clusterpreneurs.source"));
    return d;
}

/* The triangle: A at the top, B bottom left, C bottom right; each
 * vertex's questions as dots in rows of six beside it, filled when
 * answered; B's and C's labels on lines of their own below, so that
 * they never overlap. Coordinates in a 360 x 310 box. */
static sg_value *S_triangle(sg_arena *a, const sg_case_entry *e,
                            const size_t *answered, const size_t *total)
{
    static const int vx[3] = { 180, 70, 290 }, vy[3] = { 70, 220, 220 };
    const sg_vocab *v = e->v;
    sg_value *t = sg_map(a);
    STR(t, "points", sg_printf(a, "%d,%d %d,%d %d,%d", vx[0], vy[0], vx[1],
                               vy[1], vx[2], vy[2]));
    sg_value *verts = sg_list(a);
    sg_buf alt = SG_BUF_INIT;
    for (size_t g = 0; g < v->nquestion_groups && g < 3; g++) {
        const sg_question_group *qg = &v->question_groups[g];
        sg_value *x = sg_map(a);
        STR(x, "key", qg->key);
        STR(x, "name", qg->name);
        /* A's label and dots above it, B's and C's below them */
        int up = g == 0;
        /* labels inside the box: B's from the left edge, C's to the right */
        static const int lx[3] = { 180, 4, 356 };
        static const char *const anchor[3] = { "middle", "start", "end" };
        NUM(x, "lx", lx[g]);
        STR(x, "anchor", anchor[g]);
        static const int ly[3] = { 16, 276, 298 };
        NUM(x, "ly", ly[g]);
        NUM(x, "cx", vx[g]);
        NUM(x, "cy", vy[g]);
        sg_value *dots = sg_list(a);
        size_t k = 0;
        for (size_t q = 0; q < v->nquestions; q++) {
            if (v->questions[q].group != (int)g)
                continue;
            size_t row = k / 6, col = k % 6;
            size_t inrow = total[g] - row * 6 < 6 ? total[g] - row * 6 : 6;
            sg_value *d = sg_map(a);
            NUM(d, "x", vx[g] - 7.0 * ((double)inrow - 1) + 14.0 * (double)col);
            NUM(d, "y", up ? 32 + 14 * (double)row
                           : vy[g] + 20 + 14 * (double)row);
            BOOL(d, "on", e->c->answers && e->c->answers[q]);
            STR(d, "id", v->questions[q].id);
            sg_list_push(a, dots, d);
            k++;
        }
        ADD(x, "dots", dots);
        NUM(x, "answered", (double)answered[g]);
        NUM(x, "total", (double)total[g]);
        sg_list_push(a, verts, x);
        sg_buf_printf(&alt, "%s%s, %s: %zu of %zu questions answered",
                      g ? "; " : "", qg->key, qg->name, answered[g],
                      total[g]);
    }
    ADD(t, "vertices", verts);
    ADD(t, "alt", sg_strn(a, alt.ptr, alt.len));
    sg_buf_free(&alt);
    return t;
}

static sg_value *S_assessment_detail(sg_arena *a, const sg_case_entry *e)
{
    const sg_case *c = e->c;
    const sg_vocab *v = e->v;
    if (!c->nanswers || !c->answers)
        return sg_const_null();
    size_t answered[3] = { 0 }, total[3] = { 0 };
    sg_value *groups = sg_list(a);
    for (size_t g = 0; g < v->nquestion_groups; g++) {
        const sg_question_group *qg = &v->question_groups[g];
        sg_value *x = sg_map(a);
        STR(x, "key", qg->key);
        STR(x, "name", qg->name);
        STR(x, "question", qg->question);
        sg_value *items = sg_list(a);
        size_t n = 0, on = 0;
        for (size_t q = 0; q < v->nquestions; q++) {
            if (v->questions[q].group != (int)g)
                continue;
            n++;
            if (!c->answers[q])
                continue;
            on++;
            sg_value *it = sg_map(a);
            STR(it, "id", v->questions[q].id);
            STR(it, "question", v->questions[q].text);
            STR(it, "answer", c->answers[q]);
            sg_list_push(a, items, it);
        }
        if (g < 3) {
            answered[g] = on;
            total[g] = n;
        }
        ADD(x, "items", items);
        NUM(x, "answered", (double)on);
        NUM(x, "total", (double)n);
        BOOL(x, "any", on > 0);
        sg_list_push(a, groups, x);
    }
    sg_value *d = sg_map(a);
    ADD(d, "groups", groups);
    ADD(d, "triangle", S_triangle(a, e, answered, total));
    STR(d, "source", S_fw_word(v, "assessment.source"));
    return d;
}

sg_value *sg_view_fw_detail(sg_arena *a, const sg_case_entry *e)
{
    sg_value *d = sg_map_sized(a, 2);
    ADD(d, "initiators", S_initiators_detail(a, e));
    ADD(d, "assessment", S_assessment_detail(a, e));
    return d;
}

/* ---- the clusterpreneurs page ---- */

static sg_value *S_cp_row(const sg_site_ctx *sc, const sg_case_entry *e,
                          size_t *pub, size_t *priv, size_t *unk)
{
    sg_arena *a = sc->a;
    const sg_vocab *v = sc->v;
    const sg_case *c = e->c;
    sg_value *r = sg_view_link(a, e);
    sg_value *cells = sg_list(a);
    int starter = S_fw_index(v, SG_L_INITIATOR_ROLES,
                             "clusterpreneurs.starter_role");
    for (size_t t = 0; t < v->lists[SG_L_INITIATOR_TYPES].n; t++) {
        sg_value *cell = sg_map(a);
        bool has = false, started = false;
        sg_buf names = SG_BUF_INIT;
        for (size_t i = 0; i < c->ninitiators; i++) {
            const sg_initiator *in = &c->initiators[i];
            if (in->type != (int)t)
                continue;
            has = true;
            started |= in->role >= 0 && in->role == starter;
            bool dup = false;      /* one actor in two roles: named once */
            for (size_t j = 0; j < i && !dup; j++)
                dup = c->initiators[j].type == in->type &&
                      c->initiators[j].name && in->name &&
                      strcmp(c->initiators[j].name, in->name) == 0;
            if (!dup)
                sg_buf_printf(&names, "%s%s", names.len ? "; " : "",
                              in->name);
        }
        BOOL(cell, "has", has);
        BOOL(cell, "initiator", started);
        ADD(cell, "names", has ? sg_strn(a, names.ptr, names.len)
                               : sg_const_null());
        sg_buf_free(&names);
        sg_list_push(a, cells, cell);
    }
    ADD(r, "cells", cells);
    size_t p = 0, q = 0, u = 0;
    int pub_i = S_fw_index(v, SG_L_INITIATOR_SECTORS, "clusterpreneurs.public");
    int priv_i = S_fw_index(v, SG_L_INITIATOR_SECTORS,
                            "clusterpreneurs.private");
    for (size_t i = 0; i < c->ninitiators; i++) {
        int s = c->initiators[i].sector;
        if (s >= 0 && s == pub_i) p++;
        else if (s >= 0 && s == priv_i) q++;
        else u++;
    }
    *pub += p;
    *priv += q;
    *unk += u;
    NUM(r, "public", (double)p);
    NUM(r, "private", (double)q);
    NUM(r, "unknown", (double)u);
    BOOL(r, "has_unknown", u > 0);
    BOOL(r, "several", S_popcount(S_types(c)) > 1);
    if (c->formalised) NUM(r, "formalised", c->formalised);
    else NUL(r, "formalised");
    return r;
}

static sg_value *S_clusterpreneurs(const sg_site_ctx *sc)
{
    sg_arena *a = sc->a;
    const sg_vocab *v = sc->v;
    const sg_value *tnames = S_fw(v, "clusterpreneurs.types");
    size_t nt = v->lists[SG_L_INITIATOR_TYPES].n;
    size_t *tcount = sg_alloc(a, (nt + 1) * sizeof *tcount);
    size_t *tinit = sg_alloc(a, (nt + 1) * sizeof *tinit);
    memset(tcount, 0, (nt + 1) * sizeof *tcount);
    memset(tinit, 0, (nt + 1) * sizeof *tinit);
    size_t recorded = 0, several = 0, pub = 0, priv = 0, unk = 0;
    int starter = S_fw_index(v, SG_L_INITIATOR_ROLES,
                             "clusterpreneurs.starter_role");
    sg_value *groups = sg_list(a);
    /* one group per stage in the vocabulary's order, then "not recorded" */
    for (size_t s = 0; s <= v->nstages; s++) {
        int want = s < v->nstages ? (int)s : -1;
        sg_value *rows = sg_list(a), *missing = sg_list(a);
        for (size_t i = 0; i < sc->n; i++) {
            const sg_case_entry *e = &sc->e[i];
            if (e->k->stage_final != want)
                continue;
            if (!e->c->ninitiators) {
                sg_list_push(a, missing, sg_view_link(a, e));
                continue;
            }
            recorded++;
            unsigned m = S_types(e->c);
            several += S_popcount(m) > 1;
            for (size_t t = 0; t < nt; t++) {
                tcount[t] += (m >> t) & 1u;
                for (size_t j = 0; j < e->c->ninitiators; j++) {
                    const sg_initiator *in = &e->c->initiators[j];
                    if (in->type == (int)t && in->role >= 0 &&
                        in->role == starter) {
                        tinit[t]++;
                        break;
                    }
                }
            }
            sg_list_push(a, rows, S_cp_row(sc, e, &pub, &priv, &unk));
        }
        if (!rows->u.list.n && !missing->u.list.n)
            continue;
        sg_value *g = sg_map(a);
        STR(g, "key", want >= 0 ? v->stages[want].key : "not-recorded");
        STR(g, "name", want >= 0 ? v->stages[want].name
                                 : sg_printf(a, "Stage %s",
                                             sg_view_word(v, "missing.not_recorded")));
        ADD(g, "rows", rows);
        ADD(g, "missing", missing);
        NUM(g, "nmissing", (double)missing->u.list.n);
        sg_list_push(a, groups, g);
    }
    sg_value *types = sg_list(a);
    for (size_t t = 0; t < nt; t++) {
        const char *k = v->lists[SG_L_INITIATOR_TYPES].keys[t];
        sg_value *x = sg_map(a);
        STR(x, "key", k);
        STR(x, "name", S_named(tnames, k));
        NUM(x, "count", (double)tcount[t]);
        NUM(x, "initiators", (double)tinit[t]);
        sg_list_push(a, types, x);
    }
    sg_value *p = sg_map(a);
    ADD(p, "types", types);
    ADD(p, "groups", groups);
    NUM(p, "recorded", (double)recorded);
    NUM(p, "not_recorded", (double)(sc->n - recorded));
    NUM(p, "several", (double)several);
    NUM(p, "public", (double)pub);
    NUM(p, "private", (double)priv);
    NUM(p, "unknown", (double)unk);
    BOOL(p, "has_unknown", unk > 0);
    STR(p, "source", S_fw_word(v, "clusterpreneurs.source"));
    STR(p, "legitimacy", S_fw_word(v, "clusterpreneurs.legitimacy"));
    STR(p, "several_word", S_fw_word(v, "clusterpreneurs.several"));
    return p;
}

/* ---- the self-assessment page ---- */

static sg_value *S_assessment_page(const sg_site_ctx *sc)
{
    sg_arena *a = sc->a;
    const sg_vocab *v = sc->v;
    sg_value *cases = sg_list(a);
    for (size_t i = 0; i < sc->n; i++)
        if (sc->e[i].c->nanswers)
            sg_list_push(a, cases, sg_view_link(a, &sc->e[i]));
    sg_value *groups = sg_list(a);
    for (size_t g = 0; g < v->nquestion_groups; g++) {
        const sg_question_group *qg = &v->question_groups[g];
        sg_value *x = sg_map(a);
        STR(x, "key", qg->key);
        STR(x, "name", qg->name);
        STR(x, "question", qg->question);
        STR(x, "sum_up", qg->sum_up);
        sg_value *qs = sg_list(a);
        for (size_t q = 0; q < v->nquestions; q++) {
            const sg_question *qq = &v->questions[q];
            if (qq->group != (int)g)
                continue;
            sg_value *y = sg_map(a);
            STR(y, "id", qq->id);
            STR(y, "question", qq->text);
            sg_buf h = SG_BUF_INIT;
            for (size_t k = 0; k < qq->nhints; k++)
                sg_buf_printf(&h, "%s%s", k ? "; " : "", qq->hints[k]);
            ADD(y, "hints", h.len ? sg_strn(a, h.ptr, h.len)
                                  : sg_const_null());
            sg_buf_free(&h);
            sg_value *ans = sg_list(a), *miss = sg_list(a);
            for (size_t i = 0; i < sc->n; i++) {
                const sg_case *c = sc->e[i].c;
                if (!c->nanswers)
                    continue;
                sg_value *l = sg_view_link(a, &sc->e[i]);
                if (c->answers[q]) {
                    STR(l, "answer", c->answers[q]);
                    sg_list_push(a, ans, l);
                } else {
                    sg_list_push(a, miss, l);
                }
            }
            ADD(y, "answers", ans);
            ADD(y, "missing", miss);
            sg_list_push(a, qs, y);
        }
        ADD(x, "questions", qs);
        sg_list_push(a, groups, x);
    }
    sg_value *p = sg_map(a);
    ADD(p, "cases", cases);
    NUM(p, "ncases", (double)cases->u.list.n);
    ADD(p, "groups", groups);
    NUM(p, "nquestions", (double)v->nquestions);
    STR(p, "source", S_fw_word(v, "assessment.source"));
    return p;
}

/* ---- the alliances page ---- */

static int S_heat(const sg_vocab *v, const char *which, const char *word)
{
    const sg_value *m = S_fw(v, which);
    const sg_value *x = word ? sg_map_get(m, word) : NULL;
    return x && x->type == SG_NUM ? (int)x->u.num : -1;
}

static const char *S_mat(const sg_vocab *v, const sg_case *c)
{
    return S_key(v, SG_L_MATURITY, c->maturity);
}

static const char *S_con(const sg_vocab *v, const sg_case *c)
{
    return S_key(v, SG_L_INTERCONNECTIVITY, c->interconnectivity);
}

/* "a, b or c" of a list of words, for the rule's sentence. */
static sg_value *S_or(sg_arena *a, const sg_value *list)
{
    size_t n = list && list->type == SG_LIST ? list->u.list.n : 0;
    sg_buf b = SG_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        const char *w = sg_value_str(list->u.list.items[i]);
        sg_buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ",
                      w ? w : "");
    }
    sg_value *r = sg_strn(a, b.ptr, b.len);
    sg_buf_free(&b);
    return r;
}

/* A case in a cell or a candidate: its link and its ratings. */
static sg_value *S_rated(const sg_site_ctx *sc, const sg_case_entry *e)
{
    sg_arena *a = sc->a;
    const sg_vocab *v = sc->v;
    const sg_case *c = e->c;
    sg_value *x = sg_view_link(a, e);
    const char *nr = sg_view_word(v, "missing.not_recorded");
    const char *m = S_mat(v, c), *k = S_con(v, c);
    STR(x, "region", c->region);
    STR(x, "maturity", m ? m : nr);
    STR(x, "interconnectivity", k ? k : nr);
    const char *inf = S_key(v, SG_L_INFLUENCE, c->influence);
    STR(x, "influence", inf ? inf : nr);
    int mh = S_heat(v, "alliances.maturity_heat", m);
    int ch = S_heat(v, "alliances.interconnectivity_heat", k);
    STR(x, "mheat", mh >= 0 ? sg_printf(a, "h%d", mh) : "");
    STR(x, "cheat", ch >= 0 ? sg_printf(a, "h%d", ch) : "");
    if (c->has_structures) {
        sg_buf b = SG_BUF_INIT;
        for (size_t i = 0; i < c->nstructures; i++)
            sg_buf_printf(&b, "%s%s", i ? "; " : "", c->structures[i]);
        ADD(x, "structures", b.len ? sg_strn(a, b.ptr, b.len)
                                   : S_ref(a, sg_view_word(v, "missing.none")));
        sg_buf_free(&b);
    } else {
        STR(x, "structures", nr);
    }
    return x;
}

static bool S_rated_case(const sg_case *c)
{
    return c->maturity >= 0 || c->interconnectivity >= 0 || c->influence >= 0;
}

typedef struct fw_field {
    const char *key, *name;
    int sector;                /* SG_L_SECTORS */
} fw_field;

static const sg_case_entry *S_by_slug(const sg_site_ctx *sc, const char *slug)
{
    for (size_t i = 0; slug && i < sc->n; i++)
        if (strcmp(sc->e[i].c->slug, slug) == 0)
            return &sc->e[i];
    return NULL;
}

static bool S_allied(const sg_case *x, const sg_case *y)
{
    for (size_t i = 0; i < x->nalliances; i++)
        if (x->alliances[i].partner &&
            strcmp(x->alliances[i].partner, y->slug) == 0)
            return true;
    return false;
}

static int S_region_rank(const sg_vocab *v, int r)
{
    const sg_value *order = S_fw(v, "alliances.regions");
    for (size_t i = 0; order && order->type == SG_LIST && i < order->u.list.n;
         i++) {
        const char *k = sg_value_str(order->u.list.items[i]);
        if (k && strcmp(k, v->lists[SG_L_REGIONS].keys[r]) == 0)
            return (int)i;
    }
    return 1000 + r;
}

typedef struct fw_region {
    int rank, r;
} fw_region;

static int S_cmp_region(const void *x, const void *y)
{
    const fw_region *a = x, *b = y;
    return a->rank != b->rank ? a->rank - b->rank : a->r - b->r;
}

static sg_value *S_alliances_page(const sg_site_ctx *sc)
{
    sg_arena *a = sc->a;
    const sg_vocab *v = sc->v;
    const sg_value *fl = S_fw(v, "alliances.fields");
    size_t nf = fl && fl->type == SG_LIST ? fl->u.list.n : 0;
    fw_field *f = sg_alloc(a, (nf + 1) * sizeof *f);
    sg_value *fields = sg_list(a);
    for (size_t i = 0; i < nf; i++) {
        const sg_value *x = fl->u.list.items[i];
        f[i].key = sg_value_str(sg_map_get(x, "key"));
        f[i].name = sg_value_str(sg_map_get(x, "name"));
        const char *sec = sg_value_str(sg_map_get(x, "sector"));
        f[i].sector = sec ? sg_vocab_word(v, SG_L_SECTORS, sec) : -1;
        sg_value *y = sg_map(a);
        STR(y, "key", f[i].key);
        STR(y, "name", f[i].name);
        sg_list_push(a, fields, y);
    }
    /* which field each rated case is in (-1: none of 003's) */
    int *field = sg_alloc(a, (sc->n + 1) * sizeof *field);
    size_t nreg = v->lists[SG_L_REGIONS].n;
    bool *seen = sg_alloc(a, (nreg + 1) * sizeof *seen);
    memset(seen, 0, (nreg + 1) * sizeof *seen);
    for (size_t i = 0; i < sc->n; i++) {
        const sg_case *c = sc->e[i].c;
        field[i] = -1;
        if (!S_rated_case(c) || c->region_id < 0)
            continue;
        for (size_t j = 0; j < nf; j++)
            if (f[j].sector >= 0 && c->sector_id == f[j].sector)
                field[i] = (int)j;
        if (field[i] >= 0)
            seen[c->region_id] = true;
    }
    fw_region *regs = sg_alloc(a, (nreg + 1) * sizeof *regs);
    size_t nr = 0;
    for (size_t r = 0; r < nreg; r++)
        if (seen[r])
            regs[nr++] = (fw_region){ S_region_rank(v, (int)r), (int)r };
    if (nr)
        qsort(regs, nr, sizeof *regs, S_cmp_region);
    sg_value *rows = sg_list(a);
    size_t ncells = 0;
    for (size_t r = 0; r < nr; r++) {
        sg_value *row = sg_map(a);
        STR(row, "region", v->lists[SG_L_REGIONS].names
                               ? v->lists[SG_L_REGIONS].names[regs[r].r]
                               : v->lists[SG_L_REGIONS].keys[regs[r].r]);
        sg_value *cells = sg_list(a);
        for (size_t j = 0; j < nf; j++) {
            sg_value *cs = sg_list(a);
            for (size_t i = 0; i < sc->n; i++)
                if (field[i] == (int)j && sc->e[i].c->region_id == regs[r].r)
                    sg_list_push(a, cs, S_rated(sc, &sc->e[i]));
            ncells += cs->u.list.n;
            sg_value *cell = sg_map(a);
            ADD(cell, "cases", cs);
            STR(cell, "field", f[j].name);
            sg_list_push(a, cells, cell);
        }
        ADD(row, "cells", cells);
        sg_list_push(a, rows, row);
    }
    /* candidates: this site's rule (vocabulary, docs/frameworks.md) */
    sg_value *lead_m = S_fw(v, "alliances.candidates.lead.maturity");
    sg_value *lead_c = S_fw(v, "alliances.candidates.lead.interconnectivity");
    sg_value *emer_m = S_fw(v, "alliances.candidates.emerging.maturity");
    sg_value *cands = sg_list(a);
    for (size_t j = 0; j < nf; j++) {
        for (size_t i = 0; i < sc->n; i++) {
            const sg_case *l = sc->e[i].c;
            if (field[i] != (int)j || !S_in(lead_m, S_mat(v, l)) ||
                !S_in(lead_c, S_con(v, l)))
                continue;
            for (size_t k = 0; k < sc->n; k++) {
                const sg_case *p = sc->e[k].c;
                if (field[k] != (int)j || p->region_id == l->region_id ||
                    !S_in(emer_m, S_mat(v, p)))
                    continue;
                sg_value *x = sg_map(a);
                STR(x, "field", f[j].name);
                ADD(x, "lead", S_rated(sc, &sc->e[i]));
                ADD(x, "partner", S_rated(sc, &sc->e[k]));
                BOOL(x, "recorded", S_allied(l, p) || S_allied(p, l));
                sg_list_push(a, cands, x);
            }
        }
    }
    /* recorded alliances, as the cases give them */
    sg_value *rec = sg_list(a);
    for (size_t i = 0; i < sc->n; i++) {
        const sg_case *c = sc->e[i].c;
        for (size_t j = 0; j < c->nalliances; j++) {
            const sg_alliance *al = &c->alliances[j];
            sg_value *x = sg_map(a);
            ADD(x, "from", sg_view_link(a, &sc->e[i]));
            const sg_case_entry *pe = S_by_slug(sc, al->partner);
            ADD(x, "to", pe ? sg_view_link(a, pe) : sg_const_null());
            STR(x, "partner", al->partner);
            const sg_words *lw = &v->lists[SG_L_ALLIANCE_LEVELS];
            STR(x, "level", al->level >= 0 && lw->names ? lw->names[al->level]
                                                        : NULL);
            STR(x, "scope", al->scope);
            STR(x, "horizon", al->horizon);
            STR(x, "linkages", al->linkages);
            sg_list_push(a, rec, x);
        }
    }
    sg_value *p = sg_map(a);
    ADD(p, "fields", fields);
    ADD(p, "rows", rows);
    NUM(p, "ncells", (double)ncells);
    ADD(p, "candidates", cands);
    NUM(p, "ncandidates", (double)cands->u.list.n);
    ADD(p, "recorded", rec);
    STR(p, "source", S_fw_word(v, "alliances.source"));
    STR(p, "dimensions_source", S_fw_word(v, "alliances.dimensions_source"));
    STR(p, "dimension_stage",
        S_fw_word(v, "alliances.candidates.dimension_stage"));
    STR(p, "dimension_links",
        S_fw_word(v, "alliances.candidates.dimension_links"));
    ADD(p, "lead_maturity", S_or(a, lead_m));
    ADD(p, "lead_interconnectivity", S_or(a, lead_c));
    ADD(p, "emerging_maturity", S_or(a, emer_m));
    return p;
}

sg_value *sg_view_frameworks(const sg_site_ctx *sc)
{
    sg_arena *a = sc->a;
    sg_value *m = sg_map_sized(a, 3);
    ADD(m, "clusterpreneurs", S_clusterpreneurs(sc));
    ADD(m, "assessment", S_assessment_page(sc));
    ADD(m, "alliances", S_alliances_page(sc));
    return m;
}
