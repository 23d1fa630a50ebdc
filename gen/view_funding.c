/* view_funding.c - funding over time (#17): a case's funding by period,
 * its investment-to-return ratio, the chart of its periods and the
 * comparison of the shift from public to private money [001, Funding
 * logics, Figures 18-19]. Unknown stays unknown: a period whose amounts
 * or public/private split are not all given has no total or no share,
 * and an item with no period is kept in an "unknown period". */
#include "view.h"
#include "view_util.h"

#include <math.h>
#include <stdlib.h>

/* One period of a case's funding: the items whose `from`/`to` name it. */
typedef struct period {
    int from, to;              /* 0, 0: the unknown period */
    size_t items;
    bool amounts_known, public_known;
    double total, pub;         /* in the base currency, as given */
} period;

/* The item's amount in the base currency, as the source gives it (over
 * its period or its `years`), or -1: no amount, a share in words beside
 * it (the item is then only part of a whole), or no rate. */
static double S_amount_base(const sg_vocab *v, const sg_funding *f)
{
    double rate = sg_vocab_rate(v, f->currency);
    if (!f->has_amount || f->share_word >= 0 || rate < 0)
        return -1;
    return f->amount * rate;
}

/* 1 public, 0 private, -1 not known: `public:` or the funding type's */
static int S_public(const sg_vocab *v, const sg_funding *f)
{
    if (f->has_public)
        return f->is_public;
    return f->type >= 0 ? v->funding[f->type].is_public : -1;
}

static int S_cmp_period(const void *x, const void *y)
{
    const period *p = x, *q = y;
    bool pu = !p->from, qu = !q->from;
    if (pu != qu)
        return pu - qu;        /* the unknown period last */
    if (p->from != q->from)
        return p->from - q->from;
    return p->to - q->to;
}

/* The case's periods, in time order, the unknown period last; `out`
 * has room for one per item. `years` is a length ("over 3 years"), not
 * a date, so an item with only `years` is in the unknown period. */
static size_t S_periods(const sg_vocab *v, const sg_case *c, period *out)
{
    size_t n = 0;
    for (size_t i = 0; i < c->nfunding; i++) {
        const sg_funding *f = &c->funding[i];
        /* one year given: the period is that year */
        int from = f->from ? f->from : f->to, to = f->to ? f->to : f->from;
        size_t p = 0;
        while (p < n && !(out[p].from == from && out[p].to == to))
            p++;
        if (p == n)
            out[n++] = (period){ from, to, 0, true, true, 0, 0 };
        period *pd = &out[p];
        pd->items++;
        double x = S_amount_base(v, f);
        int pub = S_public(v, f);
        pd->amounts_known &= x >= 0;
        pd->public_known &= pub >= 0;
        if (x >= 0) {
            pd->total += x;
            pd->pub += pub == 1 ? x : 0;
        }
    }
    if (n > 1)
        qsort(out, n, sizeof *out, S_cmp_period);
    return n;
}

/* The public share, or -1 where an amount or a split is not known. */
static double S_share(const period *p)
{
    return p->amounts_known && p->public_known && p->total > 0
               ? p->pub / p->total : -1;
}

static const char *S_label(sg_arena *a, const sg_vocab *v, const period *p)
{
    if (!p->from)
        return sg_view_word(v, "funding_periods.unknown");
    return p->from == p->to ? sg_printf(a, "%d", p->from)
                            : sg_printf(a, "%d-%d", p->from, p->to);
}

static void S_money(sg_arena *a, sg_value *m, const char *key,
                    const char *text_key, bool known, double x,
                    const char *cur)
{
    sg_map_add(a, m, key, known ? sg_const_num(a, round(x))
                                : sg_const_null());
    sg_map_add(a, m, text_key, known ? S_ref(a, sg_view_amount(
                                           a, sg_printf(a, "%s ", cur), x,
                                           ""))
                                     : sg_const_null());
}

static sg_value *S_period_view(sg_arena *a, const sg_vocab *v,
                               const period *p)
{
    sg_value *m = sg_map_sized(a, 14);
    if (p->from) {
        NUM(m, "from", p->from);
        NUM(m, "to", p->to);
    } else {
        NUL(m, "from");
        NUL(m, "to");
    }
    BOOL(m, "known", p->from != 0);
    STR(m, "label", S_label(a, v, p));
    NUM(m, "items", (double)p->items);
    double share = S_share(p);
    const char *cur = v->base_currency;
    S_money(a, m, "total", "total_text", p->amounts_known, p->total, cur);
    S_money(a, m, "public", "public_text", share >= 0, p->pub, cur);
    S_money(a, m, "private", "private_text", share >= 0, p->total - p->pub,
            cur);
    if (share >= 0)
        NUM(m, "public_share", round(share * 1000) / 1000);
    else
        NUL(m, "public_share");
    STR(m, "public_share_text", sg_view_pct(a, share));
    STR(m, "currency", cur);
    return m;
}

sg_value *sg_view_funding_periods(sg_arena *a, const sg_vocab *v,
                                  const sg_case *c)
{
    period *p = sg_alloc(a, (c->nfunding + 1) * sizeof *p);
    size_t n = S_periods(v, c, p);
    sg_value *l = sg_list(a);
    for (size_t i = 0; i < n; i++)
        sg_list_push(a, l, S_period_view(a, v, &p[i]));
    return l;
}

/* 001's key indicator for the partnership model: the organisation's
 * own funding ("investment") against the external project funding it
 * brings in ("return"). Null unless the case names the measure or
 * records money flowing both ways; each side null unless every item of
 * it has an amount. */
sg_value *sg_view_funding_return(sg_arena *a, const sg_vocab *v,
                                 const sg_case *c)
{
    int inv_flow = sg_vocab_word(v, SG_L_FLOWS, sg_view_word(
                                     v, "investment_return.investment"));
    int ret_flow = sg_vocab_word(v, SG_L_FLOWS, sg_view_word(
                                     v, "investment_return.return"));
    size_t n_inv = 0, n_ret = 0;
    bool inv_known = true, ret_known = true;
    double inv = 0, ret = 0;
    for (size_t i = 0; i < c->nfunding; i++) {
        const sg_funding *f = &c->funding[i];
        double x = S_amount_base(v, f);
        if (f->flows_to < 0 || (f->flows_to != inv_flow &&
                                f->flows_to != ret_flow))
            continue;
        bool is_inv = f->flows_to == inv_flow;
        *(is_inv ? &n_inv : &n_ret) += 1;
        *(is_inv ? &inv_known : &ret_known) &= x >= 0;
        *(is_inv ? &inv : &ret) += x >= 0 ? x : 0;
    }
    if (c->key_measure < 0 && !(n_inv && n_ret))
        return sg_const_null();
    inv_known &= n_inv > 0;
    ret_known &= n_ret > 0;
    sg_value *m = sg_map_sized(a, 8);
    STR(m, "measure", c->key_measure >= 0
            ? v->lists[SG_L_MEASURES].keys[c->key_measure] : NULL);
    STR(m, "measure_name", c->key_measure >= 0
            ? v->lists[SG_L_MEASURES].names[c->key_measure] : NULL);
    const char *cur = v->base_currency;
    S_money(a, m, "investment", "investment_text", inv_known, inv, cur);
    S_money(a, m, "return", "return_text", ret_known, ret, cur);
    bool ratio = inv_known && ret_known && inv > 0;
    if (ratio) {
        double r = round(ret / inv * 100) / 100;
        NUM(m, "ratio", r);
        STR(m, "ratio_text", sg_printf(a, "1 : %g", r));
    } else {
        NUL(m, "ratio");
        NUL(m, "ratio_text");
    }
    return m;
}

/* ---- the chart: public against private per period, stacked ---- */

enum { W = 640, H = 260, LEFT = 64, RIGHT = 12, TOP = 16, BOTTOM = 44 };

/* A tick label: 19200000 -> "19.2M" */
static const char *S_tick(sg_arena *a, double x)
{
    if (x >= 1e6)
        return sg_printf(a, "%gM", round(x / 1e5) / 10);
    if (x >= 1e3)
        return sg_printf(a, "%gk", round(x / 1e2) / 10);
    return sg_printf(a, "%g", round(x));
}

static sg_value *S_rect(sg_arena *a, double x, double w, double y, double h)
{
    sg_value *r = sg_map_sized(a, 4);
    NUM(r, "x", round(x * 10) / 10);
    NUM(r, "w", round(w * 10) / 10);
    NUM(r, "y", round(y * 10) / 10);
    NUM(r, "h", round(h * 10) / 10);
    return r;
}

sg_value *sg_view_funding_chart(sg_arena *a, const sg_vocab *v,
                                const sg_case *c)
{
    period *p = sg_alloc(a, (c->nfunding + 1) * sizeof *p);
    size_t n = S_periods(v, c, p);
    double max = 0;
    bool any_dated = false;
    for (size_t i = 0; i < n; i++) {
        any_dated |= p[i].from != 0;
        if (p[i].amounts_known && p[i].total > max)
            max = p[i].total;
    }
    /* over time needs a time: a case with no dated item has no chart */
    if (!any_dated)
        return sg_const_null();
    const double pw = W - LEFT - RIGHT, ph = H - TOP - BOTTOM;
    const double base = TOP + ph, slot = pw / (double)n;
    const double bw = slot * 0.6 < 90 ? slot * 0.6 : 90;
    sg_value *ch = sg_map_sized(a, 12), *bars = sg_list(a);
    for (size_t i = 0; i < n; i++) {
        sg_value *b = S_period_view(a, v, &p[i]);
        double x = LEFT + slot * (double)i + (slot - bw) / 2;
        double share = S_share(&p[i]);
        NUM(b, "cx", round((x + bw / 2) * 10) / 10);
        NUM(b, "ly", base + 18);
        if (p[i].amounts_known && max > 0) {
            double h = p[i].total / max * ph;
            if (share >= 0) {
                double hp = p[i].pub / max * ph;
                /* a part of no money draws no rect */
                if (hp > 0)
                    ADD(b, "pub", S_rect(a, x, bw, base - hp, hp));
                if (h - hp > 0)
                    ADD(b, "priv", S_rect(a, x, bw, base - h, h - hp));
            } else {
                ADD(b, "unsplit", S_rect(a, x, bw, base - h, h));
            }
        } else {
            /* an outline where the bar would stand, and the words */
            ADD(b, "unknown", S_rect(a, x, bw, TOP, ph));
            NUM(b, "ny", round(TOP + ph / 2));
        }
        sg_list_push(a, bars, b);
    }
    ADD(ch, "bars", bars);
    sg_value *ticks = sg_list(a);
    for (int t = 0; max > 0 && t <= 4; t++) {
        sg_value *tk = sg_map_sized(a, 2);
        NUM(tk, "y", round((base - ph * t / 4) * 10) / 10);
        NUM(tk, "ty", round((base - ph * t / 4 + 4) * 10) / 10);
        STR(tk, "label", S_tick(a, max * t / 4));
        sg_list_push(a, ticks, tk);
    }
    ADD(ch, "ticks", ticks);
    NUM(ch, "width", W);
    NUM(ch, "height", H);
    NUM(ch, "left", LEFT);
    NUM(ch, "right", W - RIGHT);
    NUM(ch, "top", TOP);
    NUM(ch, "base", base);
    NUM(ch, "label_x", 12);
    NUM(ch, "label_y", TOP + ph / 2);
    STR(ch, "currency", v->base_currency);
    STR(ch, "public_word", sg_view_word(v, "funding_periods.public"));
    STR(ch, "private_word", sg_view_word(v, "funding_periods.private"));
    STR(ch, "split_unknown_word",
        sg_view_word(v, "funding_periods.split_unknown"));
    STR(ch, "not_recorded", sg_view_word(v, "missing.not_recorded"));
    return ch;
}

/* ---- the comparison: the shift, and the dependence on one source ---- */

/* The largest source's share of period `pd`, or -1 when any of its
 * amounts is not known; its source in `*src`. */
static double S_largest(const sg_vocab *v, const sg_case *c,
                        const period *pd, const char **src)
{
    if (!pd->amounts_known || pd->total <= 0)
        return -1;
    double largest = 0;
    for (size_t i = 0; i < c->nfunding; i++) {
        const sg_funding *f = &c->funding[i];
        int from = f->from ? f->from : f->to, to = f->to ? f->to : f->from;
        double x = S_amount_base(v, f);
        if (from == pd->from && to == pd->to && x > largest) {
            largest = x;
            *src = f->source;
        }
    }
    return largest / pd->total;
}

static sg_value *S_shift_row(sg_arena *a, const void *arg)
{
    const sg_case_entry *e = arg;
    const sg_vocab *v = e->v;
    const sg_case *c = e->c;
    period *p = sg_alloc(a, (c->nfunding + 1) * sizeof *p);
    size_t n = S_periods(v, c, p), dated = 0;
    while (dated < n && p[dated].from)
        dated++;
    sg_value *row = sg_view_link(a, e);
    NUM(row, "periods", (double)dated);
    BOOL(row, "unknown_period", dated < n);
    ADD(row, "first", dated ? S_period_view(a, v, &p[0]) : sg_const_null());
    ADD(row, "last", dated > 1 ? S_period_view(a, v, &p[dated - 1])
                               : sg_const_null());
    double s0 = dated > 1 ? S_share(&p[0]) : -1;
    double s1 = dated > 1 ? S_share(&p[dated - 1]) : -1;
    if (s0 >= 0 && s1 >= 0) {
        double pts = round((s1 - s0) * 100);
        NUM(row, "shift", pts);
        STR(row, "shift_text", sg_printf(a, "%+g points", pts));
        STR(row, "direction", sg_view_word(v, pts < 0
                ? "funding_shift.to_private" : pts > 0
                ? "funding_shift.to_public" : "funding_shift.none"));
    } else {
        NUL(row, "shift");
        NUL(row, "shift_text");
        NUL(row, "direction");
    }
    /* the dependence in the last dated period; with no dated period,
     * the case's own (which needs its items to be one year's whole) */
    const char *src = e->k->largest_source;
    double largest = dated ? S_largest(v, c, &p[dated - 1], &src)
                           : e->k->largest_share;
    if (largest >= 0)
        NUM(row, "largest_share", round(largest * 1000) / 1000);
    else
        NUL(row, "largest_share");
    STR(row, "largest_text", sg_view_pct(a, largest));
    STR(row, "largest_source", largest >= 0 ? src : NULL);
    if (dated)
        STR(row, "largest_period", S_label(a, v, &p[dated - 1]));
    return row;
}

sg_value *sg_view_compare_shift(const sg_site_ctx *c)
{
    sg_arena *a = c->a;
    sg_value *rows = sg_list(a);
    for (size_t i = 0; i < c->n; i++)
        if (c->e[i].c->nfunding)
            sg_list_push(a, rows, sg_lazy(a, S_shift_row, &c->e[i]));
    return rows;
}
