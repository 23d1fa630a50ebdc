/* view_region.c - a city region on 001's three levels (#17): level 1 the
 * actors mapped, level 2 Table 4 built from every organisation in the
 * region, level 3 the traffic on its bridges; for the region's page, for
 * regions.json and for the page that sets the regions side by side.
 * What no case records is "not recorded" (null), never none or zero. */
#include "view.h"
#include "view_util.h"

#include "export.h"

/* A case as a region's parts name it: its slug for regions.json, a link
 * for pages. */
static sg_value *S_case(sg_arena *a, const sg_case_entry *e, bool json)
{
    return json ? e->texts[SG_T_SLUG] : sg_view_link(a, e);
}

/* A count as written ("about 700"), or the plain number as text */
static const char *S_count_text(sg_arena *a, const sg_count *n)
{
    if (!n->flags)
        return NULL;
    return n->text ? n->text : sg_printf(a, "%g", n->lo);
}

/* ---- level 1: the actors mapped ---- */

/* The actors of the cases `idx` (n of them): their sum where every one
 * gives a plain number, else null. */
static void S_actors_total(sg_arena *a, const sg_site_ctx *c,
                           const size_t *idx, size_t n, sg_value *m)
{
    double sum = 0;
    size_t plain = 0, given = 0;
    for (size_t i = 0; i < n; i++) {
        const sg_case *cs = c->e[idx[i]].c;
        plain += cs->has_actors;
        given += cs->actors_count.flags != 0;
        sum += cs->has_actors ? cs->actors : 0;
    }
    if (n && plain == n)
        NUM(m, "actors", sum);
    else
        NUL(m, "actors");
    NUM(m, "actors_recorded", (double)given);
}

static sg_value *S_level1(const sg_site_ctx *c, const sg_group *g, bool json)
{
    sg_arena *a = c->a;
    const sg_vocab *v = c->v;
    sg_value *l1 = sg_map(a);
    NUM(l1, "organisations", (double)g->n);
    S_actors_total(a, c, g->idx, g->n, l1);
    /* each organisation's actors, as its case writes them */
    sg_value *by_case = sg_list(a);
    size_t types_recorded = 0;
    for (size_t i = 0; i < g->n; i++) {
        const sg_case_entry *e = &c->e[g->idx[i]];
        sg_value *x = json ? sg_map(a) : sg_view_link(a, e);
        if (json)
            ADD(x, "case", S_case(a, e, true));
        if (e->c->has_actors)
            NUM(x, "actors", e->c->actors);
        else
            NUL(x, "actors");
        STR(x, "actors_text", S_count_text(a, &e->c->actors_count));
        sg_list_push(a, by_case, x);
        types_recorded += e->c->actor_types != 0;
    }
    ADD(l1, "by_case", by_case);
    /* by actor type: how many organisations name it among their actors,
     * of those that record their actor types; none recorded: null */
    NUM(l1, "actor_types_recorded", (double)types_recorded);
    if (!types_recorded) {
        NUL(l1, "actor_types");
    } else {
        sg_value *types = json ? sg_map(a) : sg_list(a);
        for (size_t t = 0; t < v->nactors; t++) {
            size_t count = 0;
            sg_value *names = sg_list(a);
            for (size_t i = 0; i < g->n; i++) {
                const sg_case_entry *e = &c->e[g->idx[i]];
                if (e->c->actor_types & (1u << t)) {
                    count++;
                    sg_list_push(a, names, S_case(a, e, json));
                }
            }
            if (json) {
                sg_map_add(a, types, v->actors[t].key,
                           sg_const_num(a, (double)count));
                continue;
            }
            sg_value *x = sg_map(a);
            STR(x, "key", v->actors[t].key);
            STR(x, "name", v->actors[t].name);
            NUM(x, "count", (double)count);
            ADD(x, "cases", names);
            sg_list_push(a, types, x);
        }
        ADD(l1, "actor_types", types);
    }
    /* by sector: the region's cases in each of their sectors */
    sg_value *sectors = sg_list(a);
    size_t *idx = sg_alloc(a, (g->n + 1) * sizeof *idx);
    for (size_t i = 0; i < g->n; i++) {
        const sg_case_entry *e = &c->e[g->idx[i]];
        bool seen = false;
        for (size_t j = 0; j < i; j++)
            seen |= c->e[g->idx[j]].sector_key == e->sector_key;
        if (seen)
            continue;
        size_t n = 0;
        sg_value *cases = sg_list(a);
        for (size_t j = i; j < g->n; j++)
            if (c->e[g->idx[j]].sector_key == e->sector_key) {
                idx[n++] = g->idx[j];
                sg_list_push(a, cases, S_case(a, &c->e[g->idx[j]], json));
            }
        sg_value *x = sg_map(a);
        STR(x, "key", e->sector_key);
        STR(x, "name", c->an->sectors[c->an->sector_of[e->i]].name);
        if (!json)
            STR(x, "path", e->sector_path);
        ADD(x, "cases", cases);
        NUM(x, "count", (double)n);
        S_actors_total(a, c, idx, n, x);
        sg_list_push(a, sectors, x);
    }
    ADD(l1, "sectors", sectors);
    return l1;
}

/* ---- level 2 and 3: the bridges and their traffic ---- */

/* One bridge: the organisation (case) and the activity that built it,
 * with its traffic where the case records it. */
static sg_value *S_bridge(const sg_site_ctx *c, const sg_case_entry *e,
                          size_t act, bool json)
{
    sg_arena *a = c->a;
    const sg_activity *ac = &e->c->acts[act];
    sg_value *b;
    if (json) {
        b = sg_map(a);
        ADD(b, "case", S_case(a, e, true));
    } else {
        b = sg_view_link(a, e);
    }
    STR(b, "activity", ac->name);
    return b;
}

static void S_traffic(const sg_site_ctx *c, const sg_activity *ac,
                      sg_value *b)
{
    sg_arena *a = c->a;
    if (ac->participants.flags && !ac->participants.text)
        NUM(b, "participants", ac->participants.lo);
    else
        NUL(b, "participants");
    STR(b, "participants_text", S_count_text(a, &ac->participants));
    STR(b, "frequency", ac->frequency >= 0
            ? c->v->lists[SG_L_FREQUENCIES].keys[ac->frequency] : NULL);
}

static bool S_has_traffic(const sg_activity *ac)
{
    return ac->participants.flags || ac->frequency >= 0;
}

/* 001's Table 4 for a whole city region: every bridge of every
 * organisation in it, per gap, and the slots none fills. A gap is an
 * empty slot only when some case of the region records its activities. */
static size_t S_recorded(const sg_site_ctx *c, const sg_group *g)
{
    size_t recorded = 0;
    for (size_t i = 0; i < g->n; i++)
        recorded += c->e[g->idx[i]].k->gaps_recorded;
    return recorded;
}

static void S_table4(const sg_site_ctx *c, const sg_group *g, sg_value *l)
{
    sg_arena *a = c->a;
    const sg_vocab *v = c->v;
    size_t recorded = S_recorded(c, g);
    sg_value *rows = sg_list(a);
    size_t empty = 0;
    for (size_t gap = 0; gap < v->ngaps; gap++) {
        sg_value *row = sg_map(a), *bridges = sg_list(a), *orgs = sg_list(a);
        size_t traffic = 0;
        for (size_t i = 0; i < g->n; i++) {
            const sg_case_entry *e = &c->e[g->idx[i]];
            bool any = false;
            for (size_t j = 0; j < e->c->nacts; j++)
                if (e->k->acts[j].gaps & (1u << gap)) {
                    sg_value *b = S_bridge(c, e, j, false);
                    S_traffic(c, &e->c->acts[j], b);
                    BOOL(b, "traffic", S_has_traffic(&e->c->acts[j]));
                    traffic += S_has_traffic(&e->c->acts[j]);
                    sg_list_push(a, bridges, b);
                    any = true;
                }
            if (any)
                sg_list_push(a, orgs, sg_view_link(a, e));
        }
        STR(row, "key", v->gaps[gap].key);
        STR(row, "name", v->gaps[gap].name);
        STR(row, "short", v->gaps[gap].short_name);
        NUM(row, "number", v->gaps[gap].number);
        ADD(row, "bridges", bridges);
        NUM(row, "bridge_count", (double)bridges->u.list.n);
        NUM(row, "organisations", (double)orgs->u.list.n);
        ADD(row, "organisation_links", orgs);
        NUM(row, "traffic_count", (double)traffic);
        BOOL(row, "has_traffic", traffic > 0);
        bool is_empty = recorded && !bridges->u.list.n;
        BOOL(row, "empty", is_empty);
        BOOL(row, "unrecorded", !recorded);
        empty += is_empty;
        sg_list_push(a, rows, row);
    }
    ADD(l, "table4", rows);
    NUM(l, "recorded_count", (double)recorded);
    NUM(l, "unrecorded_count", (double)(g->n - recorded));
    NUM(l, "empty_slots", (double)empty);
    BOOL(l, "recorded", recorded > 0);
    BOOL(l, "any_unrecorded", recorded < g->n);
}

/* Level 3: every activity that bridges a gap, with its traffic (null
 * where the case records none). */
static sg_value *S_level3(const sg_site_ctx *c, const sg_group *g, bool json,
                          size_t *with_traffic)
{
    sg_arena *a = c->a;
    sg_value *l = sg_list(a);
    *with_traffic = 0;
    for (size_t i = 0; i < g->n; i++) {
        const sg_case_entry *e = &c->e[g->idx[i]];
        for (size_t j = 0; j < e->c->nacts; j++) {
            if (!e->k->acts[j].gaps)
                continue;
            sg_value *b = S_bridge(c, e, j, json);
            sg_value *gaps = sg_list(a);
            for (size_t gap = 0; gap < c->v->ngaps; gap++)
                if (e->k->acts[j].gaps & (1u << gap))
                    sg_list_push(a, gaps, S_ref(a, c->v->gaps[gap].key));
            ADD(b, "gaps", gaps);
            S_traffic(c, &e->c->acts[j], b);
            if (!json)
                BOOL(b, "traffic", S_has_traffic(&e->c->acts[j]));
            *with_traffic += S_has_traffic(&e->c->acts[j]);
            sg_list_push(a, l, b);
        }
    }
    return l;
}

void sg_view_region(const sg_site_ctx *c, const sg_group *g, sg_value *l)
{
    sg_arena *a = c->a;
    ADD(l, "level1", S_level1(c, g, false));
    S_table4(c, g, l);
    size_t with_traffic;
    sg_value *l3 = S_level3(c, g, false, &with_traffic);
    ADD(l, "level3", l3);
    NUM(l, "bridge_count", (double)l3->u.list.n);
    NUM(l, "traffic_count", (double)with_traffic);
    BOOL(l, "any_bridges", l3->u.list.n > 0);
}

/* The regions side by side: per gap the bridges, the organisations that
 * build them, the empty slots and the traffic recorded. */
sg_value *sg_view_compare_regions(const sg_site_ctx *c)
{
    sg_arena *a = c->a;
    sg_value *rows = sg_list(a);
    for (size_t r = 0; r < c->an->nregions; r++) {
        const sg_group *g = &c->an->regions[r];
        sg_value *row = sg_map(a);
        STR(row, "key", g->key);
        STR(row, "name", g->name);
        STR(row, "path", sg_printf(a, "regions/%s/index.html", g->key));
        NUM(row, "count", (double)g->n);
        S_table4(c, g, row);
        size_t with_traffic;
        sg_value *l3 = S_level3(c, g, false, &with_traffic);
        NUM(row, "bridge_count", (double)l3->u.list.n);
        NUM(row, "traffic_count", (double)with_traffic);
        BOOL(row, "any_bridges", l3->u.list.n > 0);
        sg_list_push(a, rows, row);
    }
    return rows;
}

/* ---- regions.json ---- */

/* One region as regions.json has it: slugs, gap keys and figures. */
static sg_value *S_region_json(const sg_site_ctx *c, const sg_group *g)
{
    sg_arena *a = c->a;
    const sg_vocab *v = c->v;
    sg_value *m = sg_map(a);
    STR(m, "key", g->key);
    STR(m, "name", g->name);
    sg_value *cases = sg_list(a);
    for (size_t i = 0; i < g->n; i++)
        sg_list_push(a, cases, S_case(a, &c->e[g->idx[i]], true));
    ADD(m, "cases", cases);
    size_t recorded = S_recorded(c, g);
    NUM(m, "cases_with_activities", (double)recorded);
    sg_value *gaps = sg_map_sized(a, v->ngaps), *empty = sg_list(a);
    for (size_t gap = 0; gap < v->ngaps; gap++) {
        sg_value *bridges = sg_list(a);
        for (size_t i = 0; i < g->n; i++) {
            const sg_case_entry *e = &c->e[g->idx[i]];
            for (size_t j = 0; j < e->c->nacts; j++)
                if (e->k->acts[j].gaps & (1u << gap))
                    sg_list_push(a, bridges, S_bridge(c, e, j, true));
        }
        sg_map_add(a, gaps, v->gaps[gap].key, bridges);
        /* unknown is not empty: no case with activities, no empty slot */
        if (recorded && !bridges->u.list.n)
            sg_list_push(a, empty, S_ref(a, v->gaps[gap].key));
    }
    ADD(m, "gaps", gaps);
    ADD(m, "empty", recorded ? empty : sg_const_null());
    ADD(m, "level1", S_level1(c, g, true));
    size_t with_traffic;
    ADD(m, "level3", S_level3(c, g, true, &with_traffic));
    return m;
}

/* {"regions": [...]}, one region a line, in the vocabulary's order. */
void sg_export_regions(sg_publish_out *o, const sg_case_entry *entries,
                       size_t n, const sg_value *site)
{
    (void)site;
    sg_buf out = SG_BUF_INIT;
    sg_arena tmp = SG_ARENA_INIT;
    sg_buf_puts(&out, "{\"regions\": [");
    const sg_analysis *an = n ? entries[0].an : NULL;
    for (size_t r = 0; an && r < an->nregions; r++) {
        sg_arena_mark mark = sg_arena_save(&tmp);
        sg_site_ctx c = { &tmp, entries[0].v, an, entries, n };
        sg_buf_puts(&out, r ? ",\n" : "\n");
        sg_json_write(&out, S_region_json(&c, &an->regions[r]), 0);
        sg_arena_release(&tmp, mark);
    }
    sg_buf_puts(&out, "\n]}\n");
    sg_publish_write(o, out.ptr, out.len);
    sg_arena_free(&tmp);
    sg_buf_free(&out);
}
