/* classify.c - stage, model, gaps, funding, fit and completeness.
 *
 * Every derived stage and model says how sure it is: declared by the
 * author, inferred from named signals, or not enough to say. The rules
 * and the passages of the sources they rest on are in
 * docs/classification.md.
 */
#include "classify.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *S_list(sg_arena *a, const char **items, size_t n)
{
    sg_buf b = SG_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i)
            sg_buf_puts(&b, i + 1 == n ? " and " : ", ");
        sg_buf_puts(&b, items[i]);
    }
    const char *s = sg_strndup(a, b.ptr, b.len);
    sg_buf_free(&b);
    return s;
}

/* Working arrays that die with the call: from the heap, not the build's
 * arena, which keeps what 100,000 classifications leave behind. */
static void *S_tmp(size_t n, size_t size)
{
    void *p = calloc(n + 1, size);
    if (!p) {
        fputs("gen: out of memory\n", stderr);
        abort();
    }
    return p;
}

static void S_reason(sg_arena *a, sg_class *k, const char *r)
{
    const char **p = sg_realloc(a, k->stage_reasons,
                                k->nstage_reasons * sizeof *p,
                                (k->nstage_reasons + 1) * sizeof *p);
    p[k->nstage_reasons++] = r;
    k->stage_reasons = p;
}

/* An activity type is a stage signal when the facilitators of some
 * profiled stages do it and those of others do not (004, Figure 2):
 * business idea workshops point to latent clusters; networking events,
 * done at every stage, point nowhere. Each signal spreads one point over
 * its stages. A stage is inferred only when at least two signals point
 * to it and its points lead the next stage's by a whole point or more:
 * one activity never decides, and nothing else (not the number of
 * actors) breaks a tie. */
enum { MIN_SIGNALS = 2 };

static void S_stage_signals(const sg_vocab *v, const sg_case *c, sg_class *k,
                            int *support, const char **names, int *ntypes)
{
    sg_mask profiled = 0;
    for (size_t s = 0; s < v->nstages; s++)
        if (v->stages[s].role)
            profiled |= 1u << s;
    bool *seen = S_tmp(v->nacts, sizeof(bool));
    *ntypes = 0;
    for (size_t i = 0; i < c->nacts; i++) {
        int t = c->acts[i].type;
        if (t < 0 || seen[t])
            continue;
        seen[t] = true;
        sg_mask st = v->acts[t].stages & profiled;
        int n = __builtin_popcount(st);
        if (!n || st == profiled)
            continue;
        names[(*ntypes)++] = c->acts[i].name;
        for (size_t s = 0; s < v->nstages; s++)
            if (st & (1u << s)) {
                k->stage_score[s] += 1.0 / n;
                support[s]++;
            }
    }
    free(seen);
}

/* The names of the signals that point to stage `s`. */
static const char *S_signals_for(sg_arena *a, const sg_vocab *v,
                                 const sg_case *c, size_t s)
{
    const char **names = S_tmp(c->nacts, sizeof *names);
    bool *seen = S_tmp(v->nacts, sizeof(bool));
    size_t n = 0;
    for (size_t i = 0; i < c->nacts; i++) {
        int t = c->acts[i].type;
        if (t >= 0 && !seen[t] && (v->acts[t].stages & (1u << s))) {
            seen[t] = true;
            names[n++] = c->acts[i].name;
        }
    }
    const char *r = S_list(a, names, n);
    free(names);
    free(seen);
    return r;
}

static void S_stage_infer(sg_arena *a, const sg_vocab *v, const sg_case *c,
                          sg_class *k)
{
    int *support = S_tmp(v->nstages, sizeof(int));
    const char **names = S_tmp(c->nacts, sizeof *names);
    int ntypes;
    S_stage_signals(v, c, k, support, names, &ntypes);
    int best = -1, second = -1;
    for (size_t s = 0; s < v->nstages; s++) {
        if (best < 0 || k->stage_score[s] > k->stage_score[best] + 1e-9) {
            second = best;
            best = (int)s;
        } else if (second < 0 ||
                   k->stage_score[s] > k->stage_score[second] + 1e-9) {
            second = (int)s;
        }
    }
    double lead = best >= 0 ? k->stage_score[best] -
                              (second >= 0 ? k->stage_score[second] : 0)
                            : 0;
    k->stage_inferred = -1;
    if (!c->nacts) {
        S_reason(a, k, "it lists no activities, so no stage can be "
                       "inferred");
    } else if (!ntypes) {
        S_reason(a, k, "none of its activities is typical of some stages "
                       "rather than others, so no stage can be inferred");
    } else if (support[best] < MIN_SIGNALS) {
        S_reason(a, k, sg_printf(a, "only %s points to a stage (%s); one "
                                 "activity is not enough to infer one",
                                 S_list(a, names, (size_t)ntypes),
                                 v->stages[best].key));
    } else if (lead < 1 - 1e-9) {
        S_reason(a, k, sg_printf(a, "its activities point to %s and %s "
                                 "almost equally, so no stage is inferred",
                                 v->stages[best].key, v->stages[second].key));
    } else {
        k->stage_inferred = best;
        S_reason(a, k, sg_printf(a, "%d activities point to %s clusters: %s",
                                 support[best], v->stages[best].key,
                                 S_signals_for(a, v, c, (size_t)best)));
    }
    sg_buf b = SG_BUF_INIT;
    for (size_t s = 0; s < v->nstages; s++)
        if (k->stage_score[s] > 0)
            sg_buf_printf(&b, "%s %s %.1f", b.len ? "," : "score by stage:",
                          v->stages[s].key, k->stage_score[s]);
    if (b.len)
        S_reason(a, k, sg_strndup(a, b.ptr, b.len));
    sg_buf_free(&b);
    free(support);
    free(names);
}

static bool S_in_list(const sg_value *list, const char *word)
{
    for (size_t i = 0; list && list->type == SG_LIST && i < list->u.list.n;
         i++)
        if (strcmp(sg_value_str(list->u.list.items[i]) ?
                   sg_value_str(list->u.list.items[i]) : "", word) == 0)
            return true;
    return false;
}

/* 003's maturity and inter-connectivity read on Enright's scale through
 * the vocabulary's maturity_stages: an assumption of this site, marked
 * as such (k->stage_assumed). */
static void S_stage_maturity(sg_arena *a, const sg_vocab *v,
                             const sg_case *c, sg_class *k)
{
    const char *mat = v->lists[SG_L_MATURITY].keys[c->maturity];
    const char *con = c->interconnectivity >= 0
        ? v->lists[SG_L_INTERCONNECTIVITY].keys[c->interconnectivity] : NULL;
    const sg_value *rows = sg_map_get(v->root, "maturity_stages");
    for (size_t i = 0; rows && rows->type == SG_LIST && i < rows->u.list.n;
         i++) {
        const sg_value *r = rows->u.list.items[i];
        const sg_value *need = sg_map_get(r, "interconnectivity");
        if (!S_in_list(sg_map_get(r, "maturity"), mat) ||
            (need && !(con && S_in_list(need, con))))
            continue;
        int s = sg_vocab_stage(v, sg_value_str(sg_map_get(r, "stage")));
        if (s < 0)
            return;
        k->stage_inferred = s;
        k->stage_assumed = true;
        S_reason(a, k, sg_printf(a, "003 rates its level of maturity '%s'%s; "
                                 "read as %s on Enright's scale, which is "
                                 "this site's assumption, not 003's", mat,
                                 con ? sg_printf(a, " and its inter-"
                                                 "connectivity '%s'", con)
                                     : "", v->stages[s].key));
        return;
    }
    S_reason(a, k, sg_printf(a, "003 rates its level of maturity '%s'%s, "
                             "which this site does not read as a stage",
                             mat, con ? sg_printf(a, " and its inter-"
                                                  "connectivity '%s'", con)
                                      : ""));
}

static void S_stage(sg_arena *a, const sg_vocab *v, const sg_case *c,
                    sg_class *k)
{
    k->stage_declared = c->stage ? c->stage->stage : -1;
    k->stage_score = sg_alloc(a, (v->nstages + 1) * sizeof(double));
    S_stage_infer(a, v, c, k);
    if (k->stage_inferred < 0 && c->maturity >= 0)
        S_stage_maturity(a, v, c, k);
    k->stage_final = k->stage_declared >= 0 ? k->stage_declared
                                            : k->stage_inferred;
    k->stage_evidence = k->stage_declared >= 0 ? SG_EVIDENCE_DECLARED
                      : k->stage_inferred >= 0 ? SG_EVIDENCE_INFERRED
                                               : SG_EVIDENCE_NOT_ENOUGH;
    k->stage_agrees = k->stage_declared < 0 || k->stage_inferred < 0 ? -1
                    : k->stage_declared == k->stage_inferred;
}

static void S_vote(sg_arena *a, sg_class *k, const char *what, int model)
{
    k->votes = sg_realloc(a, k->votes, k->nvotes * sizeof *k->votes,
                          (k->nvotes + 1) * sizeof *k->votes);
    k->votes[k->nvotes++] = (sg_vote){ what, model };
    k->nvotes_for[model]++;
}

/* The model from 001's criteria (Table 2, Governance, Funding logics):
 * each trait, the governance and each direction project money flows in
 * is a vote. A model is inferred when at least two votes agree and lead
 * every other model by two or more. The mixed model (hybrid) only where
 * the traits themselves split, two or more on each side; otherwise there
 * is not enough to say. */
enum { MODEL_VOTES = 2, MODEL_LEAD = 2 };

static void S_infer_model(sg_arena *a, const sg_vocab *v, sg_class *k,
                          const int *trait_votes)
{
    k->model_inferred = -1;
    k->model_evidence = SG_EVIDENCE_NOT_ENOUGH;
    int best = -1, second = 0, split = 0;
    for (size_t m = 0; m < v->nmodels; m++) {
        if (v->models[m].mixed)
            continue;
        if (best < 0 || k->nvotes_for[m] > k->nvotes_for[best]) {
            if (best >= 0)
                second = k->nvotes_for[best];
            best = (int)m;
        } else if (k->nvotes_for[m] > second) {
            second = k->nvotes_for[m];
        }
        split += trait_votes[m] >= MODEL_VOTES;
    }
    int top = best >= 0 ? k->nvotes_for[best] : 0;
    if (top >= MODEL_VOTES && top - second >= MODEL_LEAD) {
        k->model_inferred = best;
        k->model_evidence = SG_EVIDENCE_INFERRED;
        k->model_reason = sg_printf(a, "%d votes for the %s model, %d for "
                                    "any other", top, v->models[best].key,
                                    second);
    } else if (split >= 2 && v->mixed_model >= 0) {
        k->model_inferred = v->mixed_model;
        k->model_evidence = SG_EVIDENCE_INFERRED;
        k->model_reason = sg_printf(a, "its traits split, two or more on "
                                    "each side: a %s",
                                    v->models[v->mixed_model].key);
    } else if (!top) {
        k->model_reason = "no trait, governance or flow of funding tells "
                          "the model";
    } else {
        k->model_reason = sg_printf(a, "%d vote%s against %d: not enough to "
                                    "tell the model (two agreeing votes and "
                                    "a lead of two are needed)", top,
                                    top == 1 ? "" : "s", second);
    }
}

/* The model a flow of money votes for (vocabulary: flow_models), -1. */
static int S_flow_model(const sg_vocab *v, int flow)
{
    if (flow < 0)
        return -1;
    const char *key = v->lists[SG_L_FLOWS].keys[flow];
    const sg_value *fm = sg_map_get(v->root, "flow_models");
    const char *model = sg_value_str(sg_map_get(fm, key));
    return model ? sg_vocab_model(v, model) : -1;
}

static void S_model(sg_arena *a, const sg_vocab *v, const sg_case *c,
                    sg_class *k)
{
    k->model_declared = c->model;
    k->nvotes_for = sg_alloc(a, (v->nmodels + 1) * sizeof *k->nvotes_for);
    int *trait_votes = S_tmp(v->nmodels, sizeof(int));
    for (size_t t = 0; t < v->ntraits; t++)
        if (c->traits[t] >= 0 && v->traits[t].model[c->traits[t]] >= 0) {
            int m = v->traits[t].model[c->traits[t]];
            S_vote(a, k, sg_printf(a, "%s: %s", v->traits[t].key,
                                   v->traits[t].value[c->traits[t]]), m);
            trait_votes[m]++;
        }
    if (c->governance >= 0 && v->governance[c->governance].model >= 0)
        S_vote(a, k, sg_printf(a, "governance: %s",
                               v->governance[c->governance].key),
               v->governance[c->governance].model);
    /* funding logic: where the money flows, once per direction; a type
     * votes only where the vocabulary gives it a model */
    bool *voted = S_tmp(v->nmodels, sizeof *voted);
    for (size_t i = 0; i < c->nfunding; i++) {
        const sg_funding *f = &c->funding[i];
        int m = S_flow_model(v, f->flows_to);
        const char *what = m >= 0 ? sg_printf(a, "money flows to %s",
                                   v->lists[SG_L_FLOWS].keys[f->flows_to])
                                  : NULL;
        if (m < 0 && f->type >= 0 && v->funding[f->type].model >= 0) {
            m = v->funding[f->type].model;
            what = sg_printf(a, "funding: %s", v->funding[f->type].name);
        }
        if (m < 0 || voted[m])
            continue;
        voted[m] = true;
        S_vote(a, k, what, m);
    }
    free(voted);
    /* the measure it judges itself by: investment against return is the
     * partnership model's (001, Funding logics) */
    if (c->key_measure >= 0) {
        const char *key = v->lists[SG_L_MEASURES].keys[c->key_measure];
        const char *model = sg_value_str(sg_value_at(
            sg_map_get(v->root, "measure_models"), key));
        int m = model ? sg_vocab_model(v, model) : -1;
        if (m >= 0)
            S_vote(a, k, sg_printf(a, "key measure: %s", key), m);
    }
    S_infer_model(a, v, k, trait_votes);
    free(trait_votes);
    k->model_final = k->model_declared >= 0 ? k->model_declared
                                            : k->model_inferred;
    if (k->model_declared >= 0)
        k->model_evidence = SG_EVIDENCE_DECLARED;
    k->model_agrees = k->model_declared < 0 || k->model_inferred < 0 ? -1
                    : k->model_declared == k->model_inferred;
}

static void S_gaps(sg_arena *a, const sg_vocab *v, const sg_case *c,
                   sg_class *k)
{
    k->gaps_recorded = c->nacts > 0;
    k->acts = sg_alloc(a, (c->nacts + 1) * sizeof *k->acts);
    k->bridges = sg_alloc(a, (v->ngaps + 1) * sizeof(int));
    for (size_t i = 0; i < c->nacts; i++) {
        const sg_activity *ac = &c->acts[i];
        sg_act_class *ak = &k->acts[i];
        if (ac->has_gaps) {
            ak->gaps = ac->gaps;
            ak->why = "the case names its gaps";
        } else if (ac->has_connects) {
            const char **names = S_tmp(v->nactors, sizeof *names);
            size_t n = 0;
            for (size_t t = 0; t < v->nactors; t++)
                if (ac->connects & (1u << t)) {
                    names[n++] = v->actors[t].key;
                    if (v->actors[t].gap >= 0)
                        ak->gaps |= 1u << v->actors[t].gap;
                }
            ak->why = sg_printf(a, "it connects the firms with %s",
                                S_list(a, names, n));
            free(names);
        } else if (ac->type >= 0) {
            ak->gaps = v->acts[ac->type].gaps;
            ak->why = v->acts[ac->type].why;
        } else {
            ak->why = "no type, connects or gaps: it bridges no known gap";
        }
        k->covered |= ak->gaps;
        for (size_t g = 0; g < v->ngaps; g++)
            if (ak->gaps & (1u << g))
                k->bridges[g]++;
    }
}

/* Whether a funding item is public money: `public:` where the case says
 * so (public project funds), else its type; -1 when neither tells. */
static int S_public(const sg_vocab *v, const sg_funding *f)
{
    if (f->has_public)
        return f->is_public;
    return f->type >= 0 ? v->funding[f->type].is_public : -1;
}

/* Funding indicators only where the case's figures cover the whole: every
 * source with an amount, or every source with a numeric share adding up
 * to one. A share in words ("mainly") or a source without a figure
 * leaves the whole unknown, and then so are the total, the largest
 * share and the public share: "mainly" is not 100% [standard of the
 * collection; 004 writes "mainly" and "mostly"]. */
/* The years an amount covers: `years`, or the period from..to counted
 * inclusively; an amount with no period is a year's. 0 when only one end
 * of the period is given: then a yearly figure cannot be known. */
static double S_span(const sg_funding *f)
{
    if (f->has_years)
        return f->years;
    if (f->from && f->to)
        return f->to - f->from + 1;
    return f->from || f->to ? 0 : 1;
}

static void S_funding(sg_arena *a, const sg_vocab *v, const sg_case *c,
                      sg_class *k)
{
    k->mix = sg_alloc(a, (v->nfunding + 1) * sizeof(double));
    k->largest_share = k->public_share = -1;
    bool all_amounts = c->nfunding > 0, all_shares = c->nfunding > 0;
    bool all_public_known = true;
    double share_sum = 0;
    for (size_t i = 0; i < c->nfunding; i++) {
        const sg_funding *f = &c->funding[i];
        all_amounts &= f->has_amount && f->share_word < 0 &&
                       sg_vocab_rate(v, f->currency) >= 0 && S_span(f) > 0;
        all_shares &= f->has_share && f->share_word < 0;
        share_sum += f->has_share ? f->share : 0;
        all_public_known &= S_public(v, f) >= 0;
    }
    all_shares &= share_sum > 0.99;
    /* Items over different periods are not one year's whole: summing
     * their yearly figures would mix years; the funding-over-time chart
     * shows them period by period instead. */
    for (size_t i = 1; i < c->nfunding; i++) {
        const sg_funding *f = &c->funding[i], *f0 = &c->funding[0];
        if (f->from != f0->from || f->to != f0->to)
            all_amounts = all_shares = false;
    }
    if (!all_amounts && !all_shares)
        return;
    double total = 0, largest = 0, pub = 0;
    const char *largest_src = NULL;
    for (size_t i = 0; i < c->nfunding; i++) {
        const sg_funding *f = &c->funding[i];
        double x = all_amounts ? f->amount * sg_vocab_rate(v, f->currency) /
                                 S_span(f)
                               : f->share;
        total += x;
        if (x > largest) {
            largest = x;
            largest_src = f->source;
        }
        if (f->type >= 0)
            k->mix[f->type] += x;
        if (S_public(v, f) == 1)
            pub += x;
    }
    if (total <= 0)
        return;
    k->shares_only = !all_amounts;
    if (all_amounts) {
        k->has_total = true;
        k->total_eur = total;
    }
    k->largest_share = largest / total;
    k->largest_source = largest_src;
    if (all_public_known)
        k->public_share = pub / total;
}

static void S_fit(sg_arena *a, const sg_vocab *v, const sg_case *c,
                  sg_class *k)
{
    k->fit_stage = -1;
    /* only for a declared or inferred stage, not one read through an
     * assumed mapping; and only where activities are recorded, else
     * every task would seem not shown */
    if (k->stage_final < 0 || !v->stages[k->stage_final].role ||
        (k->stage_assumed && k->stage_declared < 0) || !c->nacts)
        return;
    const sg_stage *s = &v->stages[k->stage_final];
    k->fit_stage = k->stage_final;
    k->missing_tasks = sg_alloc(a, (s->ntasks + 1) * sizeof(int));
    k->shown_tasks = sg_alloc(a, (s->ntasks + 1) * sizeof(int));
    for (size_t t = 0; t < s->ntasks; t++) {
        bool shown = false;
        for (size_t i = 0; i < c->nacts && !shown; i++)
            shown = c->acts[i].type == s->tasks[t];
        if (shown)
            k->shown_tasks[k->nshown++] = s->tasks[t];
        else
            k->missing_tasks[k->nmissing++] = s->tasks[t];
    }
}

static void S_completeness(sg_arena *a, const sg_vocab *v, const sg_case *c,
                           sg_class *k)
{
    (void)a;
    for (size_t i = 0; i < v->ncompleteness; i++) {
        if (c->given && c->given[i])
            k->npresent++;
        else
            k->nabsent++;
    }
    k->completeness = v->ncompleteness
        ? (double)k->npresent / (double)v->ncompleteness : 1;
}

void sg_classify(sg_arena *a, const sg_vocab *v, const sg_case *c,
                 sg_class *out)
{
    memset(out, 0, sizeof *out);
    S_stage(a, v, c, out);
    S_model(a, v, c, out);
    S_gaps(a, v, c, out);
    S_funding(a, v, c, out);
    S_fit(a, v, c, out);
    S_completeness(a, v, c, out);
}

const char *sg_gap_strip(sg_arena *a, const sg_vocab *v, sg_mask covered)
{
    /* gap numbers, not letters: capital and cluster-to-cluster share one */
    static const char digits[] = "123456789abcdefg";
    char *s = sg_alloc(a, v->ngaps + 1);
    for (size_t g = 0; g < v->ngaps; g++)
        s[g] = covered & (1u << g) ? digits[v->gaps[g].number - 1] : '.';
    return s;
}
