/* view.c - building the value trees for pages and exports. */
#include "view.h"

#include "case_read.h"
#include "escape.h"
#include "manifest.h"
#include "markdown.h"
#include "strset.h"
#include "view_frameworks.h"
#include "view_util.h"
#include "view_map.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const sg_json_case_keys[] = {
    "slug", "title", "summary", "country", "countries", "region", "city",
    "sector", "tags", "founded", "organisation", "legal_form", "reach",
    "actors", "actors_text", "actor_types", "staff", "staff_text", "stage",
    "model", "gaps",
    "activities", "funding", "obstacles", "history", "sources", "date",
    "authors", "completeness", "url", "location", "ratings",
    "initiators", "formalised", "alliances", "assessment", NULL
};

/* Strings are referenced, not copied: every one lives in the build's
 * arena or the vocabulary, both of which outlive the views. */

static int S_cmp_url(const void *key, const void *elem)
{
    return strcmp(key, ((const sg_case_url *)elem)->from);
}

/* The addresses the check of the write-up resolved (a figure's copy in
 * the site, another case file's page) replace those written. */
static void S_rewrite_one(void *ctx, cmark_node *nd, const char *url)
{
    const sg_case *c = ctx;
    const sg_case_url *u = url ? bsearch(url, c->urls, c->nurls,
                                         sizeof *c->urls, S_cmp_url)
                               : NULL;
    if (u)
        cmark_node_set_url(nd, u->to);
}

static void S_rewrite(sg_md *m, const sg_case *c)
{
    if (c && c->nurls)
        sg_md_each_link(m, S_rewrite_one, (void *)c);
}

const char *sg_markdown(sg_arena *a, const sg_case *c, const char *md,
                        size_t len)
{
    sg_md m;
    char *html = NULL;
    if (sg_md_parse(&m, md, len) == 0) {
        S_rewrite(&m, c);
        sg_md_drop_unsafe(&m);
        html = sg_md_html(&m);
    }
    sg_md_free(&m);
    /* characters no page may carry (gen check warns at their place)
     * pass through cmark untouched: drop them here */
    size_t n = html ? strlen(html) : 0, skip, j = 0;
    char *r = sg_alloc(a, n + 1);
    unsigned cp;
    for (size_t i = 0; i < n; i += skip) {
        skip = sg_char_unsafe(html + i, n - i, &cp);
        if (!skip) {
            r[j++] = html[i];
            skip = 1;
        }
    }
    r[j] = '\0';
    free(html);
    return r;
}

/* prefix, x rounded as printf's %.0f does and grouped by thousands,
 * suffix: ("EUR ", 19172500.4, " per year") -> "EUR 19,172,500 per year".
 * No printf: funding views are built by every page and export that
 * shows them, and printf's float formatting dominated their cost. */
static const char *S_amount(sg_arena *a, const char *prefix,
                            const char *prefix2, double x, const char *suffix)
{
    char digits[400];
    size_t nd;
    double r = nearbyint(fabs(x));
    if (r < 1e18) {
        nd = sg_fmt_uint(digits, (unsigned long long)r);
    } else {
        snprintf(digits, sizeof digits, "%.0f", r);
        nd = strlen(digits);
    }
    size_t pl = strlen(prefix), pl2 = strlen(prefix2), sl = strlen(suffix);
    char *out = sg_alloc(a, pl + pl2 + 1 + nd + nd / 3 + sl + 1), *o = out;
    memcpy(o, prefix, pl);
    o += pl;
    memcpy(o, prefix2, pl2);
    o += pl2;
    if (x < 0)
        *o++ = '-';
    for (size_t i = 0; i < nd; i++) {
        if (i && (nd - i) % 3 == 0)
            *o++ = ',';
        *o++ = digits[i];
    }
    memcpy(o, suffix, sl + 1);
    return out;
}

/* 0.456 -> "46%" */
static const char *S_pct(sg_arena *a, double share)
{
    if (share < 0)
        return NULL;
    double r = nearbyint(share * 100);
    return r < 1000 ? S_amount(a, "", "", r, "%") : sg_printf(a, "%.0f%%", r);
}

/* The two for the other view files (view_util.h). */
const char *sg_view_amount(sg_arena *a, const char *prefix, double x,
                           const char *suffix)
{
    return S_amount(a, prefix, "", x, suffix);
}

const char *sg_view_pct(sg_arena *a, double share)
{
    return S_pct(a, share);
}

static sg_value *S_strs(sg_arena *a, const char *const *s, size_t n)
{
    sg_value *l = sg_list(a);
    for (size_t i = 0; i < n; i++)
        sg_list_push(a, l, S_ref(a, s[i]));
    return l;
}

static sg_value *S_gap_keys(sg_arena *a, const sg_vocab *v, sg_mask m)
{
    sg_value *l = sg_list(a);
    for (size_t g = 0; g < v->ngaps; g++)
        if (m & (1u << g))
            sg_list_push(a, l, S_ref(a, v->gaps[g].key));
    return l;
}

/* A model of the classification: an index into the vocabulary's. */
static const char *S_model_key(const sg_vocab *v, int m)
{
    return m >= 0 ? v->models[m].key : NULL;
}

static const char *S_model_name(const sg_vocab *v, int m)
{
    return m >= 0 ? v->models[m].name : NULL;
}

/* A claim's evidence: where the source supports it, and which source
 * (its number in `sources`, from 1, and its title and locator). NULL
 * when the case gives none. */
static sg_value *S_claim(sg_arena *a, const sg_case *c, const sg_evidence *ev)
{
    if (!ev->text)
        return sg_const_null();
    sg_value *x = sg_map_sized(a, 4);
    STR(x, "text", ev->text);
    if (ev->source >= 0 && (size_t)ev->source < c->nsources) {
        NUM(x, "source", ev->source + 1);
        STR(x, "source_title", c->sources[ev->source].title);
        STR(x, "locator", c->sources[ev->source].locator);
    } else {
        NUL(x, "source");
    }
    return x;
}

/* `evidence` as cases.json has it, and a flag per level for templates */
static void S_evidence(sg_arena *a, sg_value *m, sg_evidence_level ev)
{
    static const char *const keys[] = { "not enough", "declared",
                                        "inferred" };
    STR(m, "evidence", keys[ev]);
    BOOL(m, "is_declared", ev == SG_EVIDENCE_DECLARED);
    BOOL(m, "is_inferred", ev == SG_EVIDENCE_INFERRED);
    BOOL(m, "is_not_enough", ev == SG_EVIDENCE_NOT_ENOUGH);
}

static sg_value *S_stage_view(sg_arena *a, const sg_vocab *v,
                              const sg_case *c, const sg_class *k)
{
    sg_value *s = sg_map_sized(a, 17);
    STR(s, "declared", k->stage_declared >= 0
                           ? v->stages[k->stage_declared].key : NULL);
    STR(s, "inferred", k->stage_inferred >= 0
                           ? v->stages[k->stage_inferred].key : NULL);
    STR(s, "final", k->stage_final >= 0 ? v->stages[k->stage_final].key
                                        : NULL);
    if (k->stage_agrees < 0)
        NUL(s, "agrees");
    else
        BOOL(s, "agrees", k->stage_agrees);
    STR(s, "term", c->stage_text);
    STR(s, "framework", c->stage ? c->stage->framework_name : NULL);
    STR(s, "declared_name", k->stage_declared >= 0
                                ? v->stages[k->stage_declared].name : NULL);
    STR(s, "inferred_name", k->stage_inferred >= 0
                                ? v->stages[k->stage_inferred].name : NULL);
    STR(s, "final_name", k->stage_final >= 0
                             ? v->stages[k->stage_final].name : NULL);
    ADD(s, "reasons", S_strs(a, k->stage_reasons,
                                       k->nstage_reasons));
    BOOL(s, "disagrees", k->stage_agrees == 0);
    S_evidence(a, s, k->stage_evidence);
    BOOL(s, "assumed", k->stage_assumed);
    ADD(s, "claim", S_claim(a, c, &c->stage_evidence));
    return s;
}

static sg_value *S_model_view(sg_arena *a, const sg_vocab *v,
                              const sg_case *c, const sg_class *k)
{
    sg_value *m = sg_map_sized(a, 15);
    STR(m, "declared", S_model_key(v, k->model_declared));
    STR(m, "inferred", S_model_key(v, k->model_inferred));
    STR(m, "final", S_model_key(v, k->model_final));
    if (k->model_agrees < 0)
        NUL(m, "agrees");
    else
        BOOL(m, "agrees", k->model_agrees);
    sg_value *votes = sg_list(a);
    for (size_t i = 0; i < k->nvotes; i++) {
        sg_value *vo = sg_map(a);
        STR(vo, "evidence", k->votes[i].what);
        STR(vo, "for", S_model_key(v, k->votes[i].model));
        sg_list_push(a, votes, vo);
    }
    ADD(m, "votes", votes);
    STR(m, "reason", k->model_reason);
    STR(m, "final_name", S_model_name(v, k->model_final));
    STR(m, "declared_name", S_model_name(v, k->model_declared));
    STR(m, "inferred_name", S_model_name(v, k->model_inferred));
    BOOL(m, "disagrees", k->model_agrees == 0);
    S_evidence(a, m, k->model_evidence);
    ADD(m, "claim", S_claim(a, c, &c->model_evidence));
    return m;
}

/* Table 2 of seed 001, with this case's values marked. */
static sg_value *S_traits_rows(sg_arena *a, const sg_vocab *v,
                               const sg_case *c)
{
    sg_value *rows = sg_list(a);
    for (size_t t = 0; t < v->ntraits; t++) {
        const sg_trait *tr = &v->traits[t];
        sg_value *r = sg_map(a);
        STR(r, "key", tr->key);
        STR(r, "name", tr->name);
        STR(r, "membership", tr->label[0] ? tr->label[0] : tr->value[0]);
        STR(r, "partnership", tr->label[1] ? tr->label[1] : tr->value[1]);
        BOOL(r, "is_membership", c->traits[t] == 0);
        BOOL(r, "is_partnership", c->traits[t] == 1);
        BOOL(r, "unknown", c->traits[t] < 0);
        STR(r, "value", c->traits[t] >= 0 ? tr->value[c->traits[t]] : NULL);
        sg_list_push(a, rows, r);
    }
    return rows;
}

static sg_value *S_cells_new(sg_arena *a, const sg_vocab *v, sg_mask m)
{
    sg_value *cells = sg_list(a);
    for (size_t g = 0; g < v->ngaps; g++) {
        sg_value *cell = sg_map(a);
        STR(cell, "key", v->gaps[g].key);
        STR(cell, "short", v->gaps[g].short_name);
        NUM(cell, "number", v->gaps[g].number);
        BOOL(cell, "bridged", (m & (1u << g)) != 0);
        sg_list_push(a, cells, cell);
    }
    return cells;
}

/* Cells depend on the gap set only: sg_view_entries builds each set's
 * list once; a view built later only reads them. */
static sg_value *S_cells(sg_arena *a, const sg_vocab *v,
                         const sg_view_cache *vc, sg_mask m)
{
    m &= (sg_mask)(((size_t)1 << v->ngaps) - 1);
    return vc->cells && vc->cells[m] ? vc->cells[m] : S_cells_new(a, v, m);
}

/* The case's texts that every link to it shows, made into values once
 * per build rather than once per view (a case is linked from a dozen
 * pages): no strlen and no allocation each time. Its other texts are
 * made with its view, which is dropped after use: kept for the build,
 * they were 40 MB at 100,000 cases. */
static sg_value **S_texts(sg_arena *a, const sg_case *c, const char *url)
{
    const char *t[SG_NTEXTS] = {
        [SG_T_SLUG] = c->slug, [SG_T_TITLE] = c->title, [SG_T_URL] = url,
    };
    sg_value **v = sg_alloc(a, SG_NTEXTS * sizeof *v);
    for (int i = 0; i < SG_NTEXTS; i++)
        v[i] = S_ref(a, t[i]);
    return v;
}

sg_case_entry *sg_view_entries(sg_arena *a, const sg_vocab *v,
                               sg_view_cache *vc, sg_case **cases,
                               const sg_class *classes,
                               const sg_analysis *an, size_t n)
{
    size_t nmasks = (size_t)1 << v->ngaps;
    if (!vc->cells) {
        vc->cells = sg_alloc(a, nmasks * sizeof *vc->cells);
        vc->strips = sg_alloc(a, nmasks * sizeof *vc->strips);
        vc->covered = sg_alloc(a, nmasks * sizeof *vc->covered);
        vc->empty = sg_alloc(a, nmasks * sizeof *vc->empty);
    }
    sg_case_entry *es = sg_alloc(a, (n + 1) * sizeof *es);
    for (size_t i = 0; i < n; i++) {
        const sg_case *c = cases[i];
        const sg_class *k = &classes[i];
        sg_mask m = k->covered & (sg_mask)(nmasks - 1);
        if (!vc->cells[m]) {
            vc->cells[m] = S_cells_new(a, v, m);
            vc->strips[m] = sg_gap_strip(a, v, m);
            vc->covered[m] = S_gap_keys(a, v, m);
            vc->empty[m] = S_gap_keys(a, v, ~m);
        }
        sg_case_entry *e = &es[i];
        e->v = v;
        e->vc = vc;
        e->an = an;
        e->all = es;
        e->i = i;
        e->c = c;
        e->k = k;
        e->url = sg_printf(a, "cases/%s/index.html", c->slug);
        e->texts = S_texts(a, c, e->url);
        e->country_key = an->country_key[i];
        e->country_path = sg_printf(a, "countries/%s/index.html",
                                    e->country_key);
        e->sector_key = an->sectors[an->sector_of[i]].key;
        e->sector_path = sg_printf(a, "sectors/%s/index.html", e->sector_key);
        e->view = sg_lazy(a, sg_view_case, e);
    }
    sg_view_cells(a, v, vc);
    return es;
}

static sg_value *S_funding_view(sg_arena *a, const sg_vocab *v,
                                const sg_case *c, const sg_class *k)
{
    sg_value *f = sg_map_sized(a, 10);
    if (k->has_total)
        NUM(f, "total_eur_per_year", round(k->total_eur));
    else
        NUL(f, "total_eur_per_year");
    if (k->largest_share >= 0)
        NUM(f, "largest_share", round(k->largest_share * 1000) / 1000);
    else
        NUL(f, "largest_share");
    if (k->public_share >= 0)
        NUM(f, "public_share", round(k->public_share * 1000) / 1000);
    else
        NUL(f, "public_share");
    STR(f, "largest_source", k->largest_source);
    STR(f, "total_text", k->has_total
        ? S_amount(a, "EUR ", "", k->total_eur, " per year") : NULL);
    STR(f, "largest_text", S_pct(a, k->largest_share));
    STR(f, "public_text", S_pct(a, k->public_share));
    sg_value *src = sg_list(a);
    for (size_t i = 0; i < c->nfunding; i++) {
        const sg_funding *fu = &c->funding[i];
        sg_value *s = sg_map(a);
        STR(s, "source", fu->source);
        STR(s, "type", fu->type >= 0 ? v->funding[fu->type].key : NULL);
        STR(s, "type_name", fu->type >= 0 ? v->funding[fu->type].name : NULL);
        if (fu->has_amount) {
            NUM(s, "amount", fu->amount);
            STR(s, "amount_text", S_amount(a, fu->currency, " ", fu->amount,
                                           ""));
        }
        if (fu->has_years) {
            NUM(s, "years", fu->years);
            const char *unit = fu->years == 1 ? " year" : " years";
            STR(s, "years_text",
                fu->years == nearbyint(fu->years) && fu->years >= 0 &&
                fu->years < 1000    /* where %g would not differ */
                    ? S_amount(a, "over ", "", fu->years, unit)
                    : sg_printf(a, "over %g%s", fu->years, unit));
        }
        /* a share in words stays words: "mainly" is not a number */
        if (fu->share_word >= 0)
            STR(s, "share_text", v->lists[SG_L_SHARES].keys[fu->share_word]);
        else if (fu->has_share)
            STR(s, "share_text", S_pct(a, fu->share));
        if (fu->from || fu->to)
            STR(s, "period_text", fu->from && fu->to && fu->from != fu->to
                    ? sg_printf(a, "%d-%d", fu->from, fu->to)
                    : sg_printf(a, "%d", fu->from ? fu->from : fu->to));
        ADD(s, "claim", S_claim(a, c, &fu->evidence));
        int pub = fu->has_public ? fu->is_public
                : fu->type >= 0 ? v->funding[fu->type].is_public : -1;
        if (pub >= 0)
            BOOL(s, "public", pub);
        else
            NUL(s, "public");
        STR(s, "flows_to", fu->flows_to >= 0
                               ? v->lists[SG_L_FLOWS].keys[fu->flows_to]
                               : NULL);
        double rate = sg_vocab_rate(v, fu->currency);
        if (fu->has_amount && rate > 0)
            STR(s, "eur_year_text",
                S_amount(a, "EUR ", "", fu->amount * rate /
                                        (fu->has_years ? fu->years : 1),
                         " per year"));
        sg_list_push(a, src, s);
    }
    ADD(f, "sources", src);
    sg_value *mix = sg_list(a);
    for (size_t t = 0; k->has_total && t < v->nfunding; t++) {
        if (k->mix[t] <= 0)
            continue;
        sg_value *m = sg_map(a);
        STR(m, "type", v->funding[t].key);
        STR(m, "name", v->funding[t].name);
        NUM(m, "eur_per_year", round(k->mix[t]));
        STR(m, "share_text", S_pct(a, k->mix[t] / k->total_eur));
        sg_list_push(a, mix, m);
    }
    ADD(f, "mix", mix);
    BOOL(f, "any", c->nfunding > 0);
    BOOL(f, "whole", k->largest_share >= 0);
    ADD(f, "periods", sg_view_funding_periods(a, v, c));
    ADD(f, "return", sg_view_funding_return(a, v, c));
    return f;
}

sg_value *sg_view_stage(sg_arena *a, const sg_case_entry *e)
{
    return S_stage_view(a, e->v, e->c, e->k);
}

sg_value *sg_view_model(sg_arena *a, const sg_case_entry *e)
{
    return S_model_view(a, e->v, e->c, e->k);
}

sg_value *sg_view_funding(sg_arena *a, const sg_case_entry *e)
{
    return S_funding_view(a, e->v, e->c, e->k);
}

#define LAZY(m, k, fn) ADD(m, k, sg_lazy(a, (fn), e))

/* ---- the parts of a case view, each built only when a page reads it:
 * a row in a listing reads the stage and the gaps, not the sources ---- */

static sg_value *S_part_stage(sg_arena *a, const void *entry)
{
    return sg_view_stage(a, entry);
}

static sg_value *S_part_model(sg_arena *a, const void *entry)
{
    return sg_view_model(a, entry);
}

static sg_value *S_part_funding(sg_arena *a, const void *entry)
{
    return sg_view_funding(a, entry);
}

/* gaps.bridges: for each gap, the activities that bridge it */
static sg_value *S_part_bridges(sg_arena *a, const void *entry)
{
    const sg_case_entry *e = entry;
    const sg_vocab *v = e->v;
    sg_value *bridges = sg_map_sized(a, v->ngaps);
    for (size_t g = 0; g < v->ngaps; g++) {
        sg_value *names = sg_list(a);
        for (size_t i = 0; i < e->c->nacts; i++)
            if (e->k->acts[i].gaps & (1u << g))
                sg_list_push(a, names, S_ref(a, e->c->acts[i].name));
        sg_map_add(a, bridges, v->gaps[g].key, names);
    }
    return bridges;
}

static sg_value *S_part_gaps(sg_arena *a, const void *entry)
{
    const sg_case_entry *e = entry;
    const sg_vocab *v = e->v;
    const sg_view_cache *vc = e->vc;
    sg_mask covered = e->k->covered;
    sg_mask mask = covered & (sg_mask)(((size_t)1 << v->ngaps) - 1);
    sg_value *gaps = sg_map_sized(a, 6);
    BOOL(gaps, "recorded", e->k->gaps_recorded);
    if (!e->k->gaps_recorded) {
        /* no activities: nothing is known, so nothing is covered or
         * empty */
        ADD(gaps, "covered", sg_list(a));
        ADD(gaps, "empty", sg_list(a));
        LAZY(gaps, "bridges", S_part_bridges);
        NUL(gaps, "strip");
        NUL(gaps, "count");
        return gaps;
    }
    /* the lists depend on the gap set only: shared, made once */
    ADD(gaps, "covered", vc->covered && vc->covered[mask]
                             ? vc->covered[mask] : S_gap_keys(a, v, covered));
    ADD(gaps, "empty", vc->empty && vc->empty[mask]
                           ? vc->empty[mask] : S_gap_keys(a, v, ~covered));
    LAZY(gaps, "bridges", S_part_bridges);
    STR(gaps, "strip", vc->strips && vc->strips[mask]
                           ? vc->strips[mask] : sg_gap_strip(a, v, mask));
    NUM(gaps, "count", __builtin_popcount(covered));
    return gaps;
}

static sg_value *S_part_activities(sg_arena *a, const void *entry)
{
    const sg_case_entry *e = entry;
    const sg_vocab *v = e->v;
    const sg_case *c = e->c;
    sg_value *acts = sg_list(a);
    for (size_t i = 0; i < c->nacts; i++) {
        const sg_activity *ac = &c->acts[i];
        sg_value *x = sg_map_sized(a, 7);
        STR(x, "name", ac->name);
        STR(x, "type", ac->type >= 0 ? v->acts[ac->type].key : NULL);
        ADD(x, "gaps", S_gap_keys(a, v, e->k->acts[i].gaps));
        int as = ac->as >= 0 ? ac->as
               : ac->type >= 0 ? v->acts[ac->type].as : -1;
        STR(x, "as", as >= 0 ? v->activity_as[as] : NULL);
        STR(x, "why", e->k->acts[i].why);
        STR(x, "matched", ac->type_how);
        STR(x, "note", ac->note);
        ADD(x, "claim", S_claim(a, c, &ac->evidence));
        if (ac->participants.flags)
            STR(x, "participants", ac->participants.text
                    ? ac->participants.text
                    : sg_printf(a, "%g", ac->participants.lo));
        STR(x, "frequency", ac->frequency >= 0
                ? v->lists[SG_L_FREQUENCIES].keys[ac->frequency] : NULL);
        sg_list_push(a, acts, x);
    }
    return acts;
}

static sg_value *S_part_obstacles(sg_arena *a, const void *entry)
{
    const sg_case_entry *e = entry;
    sg_value *obs = sg_list(a);
    for (size_t i = 0; i < e->c->nobstacles; i++)
        sg_list_push(a, obs,
                     sg_view_named(a, &e->v->obstacles[e->c->obstacles[i]]));
    return obs;
}

static sg_value *S_part_history(sg_arena *a, const void *entry)
{
    const sg_case_entry *e = entry;
    const sg_vocab *v = e->v;
    sg_value *hist = sg_list(a);
    for (size_t i = 0; i < e->c->nhistory; i++) {
        const sg_history *h = &e->c->history[i];
        sg_value *x = sg_map_sized(a, 5);
        NUM(x, "year", h->year);
        STR(x, "term", h->term);
        STR(x, "stage", h->stage ? v->stages[h->stage->stage].key : NULL);
        STR(x, "stage_name", h->stage ? v->stages[h->stage->stage].name : NULL);
        STR(x, "note", h->note);
        sg_list_push(a, hist, x);
    }
    return hist;
}

static sg_value *S_part_sources(sg_arena *a, const void *entry)
{
    const sg_case_entry *e = entry;
    sg_value *srcs = sg_list(a);
    for (size_t i = 0; i < e->c->nsources; i++) {
        const sg_source *s = &e->c->sources[i];
        sg_value *x = sg_map_sized(a, 4);
        STR(x, "title", s->title);
        STR(x, "author", s->author);
        if (s->year) NUM(x, "year", s->year); else NUL(x, "year");
        STR(x, "url", s->url);
        STR(x, "locator", s->locator);
        NUM(x, "number", (double)i + 1);
        sg_list_push(a, srcs, x);
    }
    return srcs;
}

static sg_value *S_part_completeness(sg_arena *a, const void *entry)
{
    const sg_case_entry *e = entry;
    sg_value *comp = sg_map_sized(a, 3);
    NUM(comp, "share", round(e->k->completeness * 100) / 100);
    sg_value *present = sg_list(a), *absent = sg_list(a);
    for (size_t i = 0; i < e->v->ncompleteness; i++)
        sg_list_push(a, e->c->given && e->c->given[i] ? present : absent,
                     S_ref(a, e->v->completeness[i]));
    ADD(comp, "present", present);
    ADD(comp, "absent", absent);
    return comp;
}

/* what lists and tables show beyond the facts; not exported */
static sg_value *S_part_show(sg_arena *a, const void *entry)
{
    const sg_case_entry *e = entry;
    const sg_case *c = e->c;
    int ci = c->country ? sg_vocab_country(e->v, c->country) : -1;
    sg_value *show = sg_map_sized(a, 8);
    STR(show, "country_name", ci >= 0 ? e->v->countries[ci].name : c->country);
    /* every country by name: "Denmark and Sweden" for a cross-border case */
    size_t nc = c->ncountries ? c->ncountries : c->country ? 1 : 0;
    const char *const *codes = c->ncountries ? c->countries : &c->country;
    sg_buf names = SG_BUF_INIT;
    for (size_t i = 0; i < nc; i++) {
        int k = sg_vocab_country(e->v, codes[i]);
        if (i)
            sg_buf_puts(&names, i + 1 < nc ? ", " : " ");
        if (i && i + 1 == nc) {
            sg_buf_puts(&names, sg_view_word(e->v, "reader.and"));
            sg_buf_putc(&names, ' ');
        }
        sg_buf_puts(&names, k >= 0 ? e->v->countries[k].name : codes[i]);
    }
    STR(show, "countries_text", names.len ? sg_strndup(a, names.ptr, names.len)
                                          : NULL);
    sg_buf_free(&names);
    /* the facts still to research, in the reader's words */
    sg_value *absent = sg_list(a);
    for (size_t i = 0; i < e->v->ncompleteness; i++)
        if (!(c->given && c->given[i])) {
            const char *key = e->v->completeness[i];
            const char *w = sg_view_word(e->v, sg_printf(a, "reader.facts.%s",
                                                         key));
            sg_list_push(a, absent, sg_view_ref(a, *w ? w : key));
        }
    ADD(show, "absent", absent);
    STR(show, "country_path", e->country_path);
    STR(show, "sector_path", e->sector_path);
    STR(show, "sector_key", e->sector_key);
    STR(show, "country_key", e->country_key);
    ADD(show, "gap_cells", e->k->gaps_recorded
                               ? S_cells(a, e->v, e->vc, e->k->covered)
                               : sg_list(a));
    return show;
}

/* [003]'s ratings of the field in its region, in 003's words; null
 * when the case gives none. `structures: []` is a recorded none. */
static sg_value *S_part_ratings(sg_arena *a, const void *entry)
{
    const sg_case_entry *e = entry;
    const sg_case *c = e->c;
    const sg_vocab *v = e->v;
    if (c->influence < 0 && c->interconnectivity < 0 && c->maturity < 0 &&
        !c->has_structures)
        return sg_const_null();
    sg_value *r = sg_map_sized(a, 4);
    STR(r, "influence", c->influence >= 0
            ? v->lists[SG_L_INFLUENCE].keys[c->influence] : NULL);
    STR(r, "interconnectivity", c->interconnectivity >= 0
            ? v->lists[SG_L_INTERCONNECTIVITY].keys[c->interconnectivity]
            : NULL);
    STR(r, "maturity", c->maturity >= 0
            ? v->lists[SG_L_MATURITY].keys[c->maturity] : NULL);
    ADD(r, "structures", c->has_structures
            ? S_strs(a, c->structures, c->nstructures) : sg_const_null());
    return r;
}

static sg_value *S_part_related(sg_arena *a, const void *entry)
{
    const sg_case_entry *e = entry;
    const sg_related *r = &e->an->related[e->i];
    sg_value *rel = sg_list(a);
    for (size_t i = 0; i < r->n; i++) {
        sg_value *x = sg_view_link(a, &e->all[r->idx[i]]);
        static const char *const why[] = { "related.sector_and_stage",
                                           "related.sector", "related.stage" };
        STR(x, "why", sg_view_word(e->v, why[r->why[i]]));
        sg_list_push(a, rel, x);
    }
    return rel;
}

sg_value *sg_view_case(sg_arena *a, const void *entry)
{
    const sg_case_entry *e = entry;
    const sg_vocab *v = e->v;
    const sg_case *c = e->c;
    sg_value *const *txt = e->texts;
    sg_value *m = sg_map_sized(a, 41);
    ADD(m, "slug", txt[SG_T_SLUG]);
    ADD(m, "title", txt[SG_T_TITLE]);
    ADD(m, "summary", S_ref(a, c->summary));
    ADD(m, "country", S_ref(a, c->country));
    sg_value *countries = sg_list(a);
    if (c->ncountries) {
        for (size_t i = 0; i < c->ncountries; i++)
            sg_list_push(a, countries, S_ref(a, c->countries[i]));
    } else if (c->country) {
        sg_list_push(a, countries, S_ref(a, c->country));
    }
    ADD(m, "countries", countries);
    ADD(m, "region", S_ref(a, c->region));
    ADD(m, "city", S_ref(a, c->city));
    ADD(m, "sector", S_ref(a, c->sector));
    ADD(m, "tags", S_strs(a, c->tags, c->ntags));
    if (c->founded) NUM(m, "founded", c->founded); else NUL(m, "founded");
    ADD(m, "organisation", S_ref(a, c->organisation));
    ADD(m, "legal_form", S_ref(a, c->legal_form));
    STR(m, "reach", c->reach >= 0 ? v->reach[c->reach] : NULL);
    /* a count in the source's own words ("some 180") is kept as words
     * in actors_text; `actors` is a number only where the source gives
     * one */
    if (c->has_actors) NUM(m, "actors", c->actors); else NUL(m, "actors");
    STR(m, "actors_text", c->actors_count.text);
    sg_value *at = sg_list(a);
    for (size_t t = 0; t < v->nactors; t++)
        if (c->actor_types & (1u << t))
            sg_list_push(a, at, S_ref(a, v->actors[t].key));
    ADD(m, "actor_types", at);
    if (c->has_staff) NUM(m, "staff", c->staff); else NUL(m, "staff");
    STR(m, "staff_text", c->staff_count.text);
    LAZY(m, "stage", S_part_stage);
    LAZY(m, "model", S_part_model);
    LAZY(m, "gaps", S_part_gaps);
    LAZY(m, "activities", S_part_activities);
    LAZY(m, "funding", S_part_funding);
    LAZY(m, "obstacles", S_part_obstacles);
    LAZY(m, "history", S_part_history);
    LAZY(m, "sources", S_part_sources);
    ADD(m, "date", S_ref(a, c->date));
    ADD(m, "authors", S_strs(a, c->authors, c->nauthors));
    LAZY(m, "completeness", S_part_completeness);
    ADD(m, "url", txt[SG_T_URL]);
    LAZY(m, "show", S_part_show);
    if (c->has_location) {
        sg_value *loc = sg_map_sized(a, 2);
        NUM(loc, "lat", c->lat);
        NUM(loc, "lon", c->lon);
        ADD(m, "location", loc);
    } else {
        NUL(m, "location");
    }
    LAZY(m, "ratings", S_part_ratings);
    LAZY(m, "initiators", sg_view_fw_initiators);
    if (c->formalised) NUM(m, "formalised", c->formalised);
    else NUL(m, "formalised");
    LAZY(m, "alliances", sg_view_fw_alliances);
    LAZY(m, "assessment", sg_view_fw_assessment);
    LAZY(m, "frameworks", sg_view_fw_summary);
    LAZY(m, "related", S_part_related);
    ADD(m, "prev", e->i > 0 ? sg_view_link(a, &e->all[e->i - 1])
                            : sg_const_null());
    ADD(m, "next", e->i + 1 < e->an->n ? sg_view_link(a, &e->all[e->i + 1])
                                       : sg_const_null());
    return m;
}

static void S_key_texts(sg_fp *f, const sg_case_entry *e)
{
    for (int t = 0; t < SG_NTEXTS; t++)
        sg_fp_str(f, sg_value_str(e->texts[t]));
}

unsigned long long sg_view_case_key(const sg_case_entry *e)
{
    sg_fp f = SG_FP_INIT;
    sg_fp_u64(&f, e->c->head_hash);
    S_key_texts(&f, e);
    sg_fp_str(&f, e->sector_key);
    sg_fp_str(&f, e->country_key);
    const sg_related *r = &e->an->related[e->i];
    sg_fp_u64(&f, r->n);
    for (size_t i = 0; i < r->n; i++) {
        S_key_texts(&f, &e->all[r->idx[i]]);
        sg_fp_u64(&f, r->why[i]);
    }
    sg_fp_u64(&f, e->i > 0);
    if (e->i > 0)
        S_key_texts(&f, &e->all[e->i - 1]);
    sg_fp_u64(&f, e->i + 1 < e->an->n);
    if (e->i + 1 < e->an->n)
        S_key_texts(&f, &e->all[e->i + 1]);
    return sg_fp_done(&f);
}

sg_value *sg_view_case_detail(sg_arena *a, const sg_case_entry *e,
                              sg_diags *d)
{
    const sg_vocab *v = e->v;
    const sg_case *c = e->c;
    const sg_class *k = e->k;
    sg_value *show = sg_map(a);
    STR(show, "percent_complete", S_pct(a, k->completeness));
    sg_value *atn = sg_list(a);
    for (size_t t = 0; t < v->nactors; t++)
        if (c->actor_types & (1u << t))
            sg_list_push(a, atn, S_ref(a, v->actors[t].name));
    ADD(show, "actor_type_names", atn);
    ADD(show, "traits", S_traits_rows(a, v, c));
    sg_value *matrix = sg_list(a);
    for (size_t i = 0; i < c->nacts; i++) {
        sg_value *row = sg_map(a);
        STR(row, "name", c->acts[i].name);
        STR(row, "type", c->acts[i].type >= 0 ? v->acts[c->acts[i].type].key
                                              : NULL);
        STR(row, "why", k->acts[i].why);
        ADD(row, "claim", S_claim(a, c, &c->acts[i].evidence));
        /* this arena is the page's: build the cells here, not shared */
        ADD(row, "cells", S_cells_new(a, v, k->acts[i].gaps));
        sg_list_push(a, matrix, row);
    }
    ADD(show, "matrix", matrix);
    sg_value *totals = sg_list(a);
    /* no activities: no gap is known to be empty, so no totals */
    for (size_t g = 0; k->gaps_recorded && g < v->ngaps; g++) {
        sg_value *t = sg_map(a);
        STR(t, "key", v->gaps[g].key);
        NUM(t, "count", k->bridges[g]);
        BOOL(t, "empty", k->bridges[g] == 0);
        sg_list_push(a, totals, t);
    }
    ADD(show, "gap_totals", totals);
    ADD(show, "funding_chart", sg_view_funding_chart(a, v, c));
    if (k->fit_stage >= 0) {
        const sg_stage *s = &v->stages[k->fit_stage];
        sg_value *fit = sg_map(a);
        STR(fit, "stage", s->key);
        STR(fit, "stage_name", s->name);
        STR(fit, "role", s->role);
        ADD(fit, "focus", S_strs(a, s->focus, s->nfocus));
        sg_map_add(a, fit, "competencies",
                   S_strs(a, s->competencies, s->ncompetencies));
        sg_value *miss = sg_list(a), *shown = sg_list(a);
        for (size_t i = 0; i < k->nmissing; i++)
            sg_list_push(a, miss, S_ref(a, v->acts[k->missing_tasks[i]].key));
        for (size_t i = 0; i < k->nshown; i++)
            sg_list_push(a, shown, S_ref(a, v->acts[k->shown_tasks[i]].key));
        ADD(fit, "missing", miss);
        ADD(fit, "shown", shown);
        ADD(show, "fit", fit);
    } else {
        NUL(show, "fit");
    }
    const char *body = sg_case_body(a, c, d);
    const char *html = sg_markdown(a, c, body ? body : "",
                                   body ? c->body_len : 0);
    ADD(show, "body_html", sg_str_ref(a, html, strlen(html)));
    ADD(show, "frameworks", sg_view_fw_detail(a, e));
    ADD(show, "map", sg_view_map_case(a, e));
    return show;
}
