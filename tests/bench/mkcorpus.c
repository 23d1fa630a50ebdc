/* mkcorpus.c - a deterministic synthetic corpus of case files.
 *
 * usage: mkcorpus N OUTDIR [--seed S] [--hugo]
 *
 * Writes N case files OUTDIR/<slug>.md in the case format, each from its
 * own generator seeded by (S, i), so the first N files of a larger corpus
 * are the corpus of N and every machine writes the same bytes. Bodies are
 * 2-6 KB of CommonMark with headings, lists, emphasis and links. --hugo
 * adds `gaplist:`, the flat list of gaps the activities bridge, which
 * Hugo needs for its taxonomy pages (gen derives it and would warn).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t S_state;

static uint64_t S_next(void)      /* splitmix64: small, fast, portable */
{
    uint64_t z = (S_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static unsigned S_pick(unsigned n) { return (unsigned)(S_next() % n); }

#define N_OF(a) (sizeof a / sizeof *a)

static const char *const GAPS[] = { "research", "education", "capital",
    "policy", "firm-to-firm", "cluster-to-cluster", "global" };
static const struct { const char *name; unsigned gaps; } ACTS[] = {
    { "Incubator", 1 }, { "Training programmes", 2 }, { "Trade shows", 16 | 64 },
    { "Office on campus", 1 | 2 }, { "Market intelligence", 64 },
    { "Quality programme", 16 }, { "Export promotion", 16 | 64 },
    { "Technical standards", 16 }, { "Cross-clustering", 32 },
    { "Investor days", 4 }, { "Talent attraction", 64 },
    { "Innovation projects", 1 | 16 }, { "Website", 16 | 64 },
    { "Networking events", 16 }, { "Network gathering", 16 },
    { "Seminars", 16 }, { "Business idea workshops", 16 },
    { "Small-scale cooperation projects", 16 }, { "Lobbying", 8 },
    { "Branding", 64 },
};
static const char *const ACTORS[] = { "firms", "research", "education",
    "capital", "government", "healthcare", "clusters", "global" };
static const unsigned ACTOR_GAP[] = { 16, 1, 2, 4, 8, 1, 32, 64 };
static const struct { const char *code, *city[4]; } COUNTRIES[] = {
    { "DK", { "Copenhagen", "Aarhus", "Odense", "Aalborg" } },
    { "SE", { "Malmö", "Göteborg", "Stockholm", "Linköping" } },
    { "DE", { "München", "Köln", "Dresden", "Hamburg" } },
    { "FR", { "Lyon", "Grenoble", "Toulouse", "Nantes" } },
    { "PL", { "Kraków", "Łódź", "Wrocław", "Gdańsk" } },
    { "ES", { "Barcelona", "Bilbao", "Valencia", "Sevilla" } },
    { "IT", { "Milano", "Torino", "Bologna", "Napoli" } },
    { "NL", { "Eindhoven", "Delft", "Utrecht", "Groningen" } },
    { "FI", { "Tampere", "Oulu", "Espoo", "Turku" } },
    { "CZ", { "Brno", "Ostrava", "Praha", "Plzeň" } },
};
static const char *const SECTORS[] = { "Life science", "ICT", "Food",
    "Cleantech", "Maritime", "Automotive", "Aerospace", "Textiles", "Design",
    "Energy", "Steel", "Logistics" };
static const char *const WORDS[] = { "North", "Valley", "Coast", "Delta",
    "Bay", "Ridge", "Harbour", "Lake", "River", "Forest", "Plains", "Bridge" };
static const char *const STAGES[] = { "potential", "latent", "working",
    "take-off", "golden age", "maturity", "emergence", "growth" };
static const char *const FUNDING[] = { "public", "eu", "private",
    "membership", "project", "university", "sponsorship" };
static const char *const TEXT[] = {
    "The cluster organisation brings firms together with research "
    "institutes and universities, and its staff run a programme of "
    "*networking events* and **joint projects**.",
    "Small and medium-sized firms dominate; a few large firms act as "
    "anchors and buyers, and the regional development agency funds the "
    "secretariat.",
    "Members meet monthly at breakfast seminars hosted in turn by the "
    "firms, where they present their competencies to each other.",
    "A [regional strategy](https://example.org/strategy) sets out the "
    "priorities for the next eight years, with targets for new firms and "
    "jobs.",
    "The secretariat maps the firms and their specialities, keeps the "
    "membership list and publishes a newsletter every month.",
    "Trust between the actors grew slowly; the first projects were small "
    "and practical, such as a shared training course for technicians.",
};

static void S_body(FILE *f)
{
    size_t target = 2000 + S_pick(4000), len = 0;
    int section = 1;
    while (len < target) {
        fprintf(f, "## Section %d\n\n", section++);
        len += 14;
        unsigned paras = 1 + S_pick(3);
        for (unsigned p = 0; p < paras; p++) {
            unsigned sentences = 2 + S_pick(4);
            for (unsigned s = 0; s < sentences; s++) {
                const char *t = TEXT[S_pick(N_OF(TEXT))];
                fprintf(f, "%s%s", s ? " " : "", t);
                len += strlen(t) + 1;
            }
            fputs("\n\n", f);
        }
        if (S_pick(2)) {
            for (unsigned i = 0; i < 3; i++) {
                fprintf(f, "- item %u: %s\n", i + 1, WORDS[S_pick(N_OF(WORDS))]);
                len += 20;
            }
            fputc('\n', f);
        }
    }
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: mkcorpus N OUTDIR [--seed S] [--hugo]\n");
        return 2;
    }
    long n = atol(argv[1]);
    const char *dir = argv[2];
    uint64_t seed = 1;
    int hugo = 0;
    for (int i = 3; i < argc; i++) {
        if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
            seed = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--hugo") == 0)
            hugo = 1;
    }
    mkdir(dir, 0777);
    char path[4096];
    for (long i = 0; i < n; i++) {
        S_state = seed * 0x100000001B3ull ^ (uint64_t)i * 0x9E3779B97F4A7C15ull;
        S_next();
        const char *w1 = WORDS[S_pick(N_OF(WORDS))];
        const char *sec = SECTORS[S_pick(N_OF(SECTORS))];
        unsigned ci = S_pick(N_OF(COUNTRIES));
        snprintf(path, sizeof path, "%s/%s-%s-%ld.md", dir, w1, sec, i);
        for (char *p = path + strlen(dir) + 1; *p; p++)
            *p = *p == ' ' ? '-' : (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
        FILE *f = fopen(path, "w");
        if (!f) {
            perror(path);
            return 1;
        }
        const char *city = COUNTRIES[ci].city[S_pick(4)];
        fprintf(f, "---\ntitle: %s %s Cluster %ld\ncountry: %s\nsector: %s\n"
                "city: %s\nfounded: %u\nactors: %u\nstaff: %u\n", w1, sec, i,
                COUNTRIES[ci].code, sec, city, 1980 + S_pick(45),
                10 + S_pick(600), 1 + S_pick(12));
        if (S_pick(3))
            fprintf(f, "stage: %s\n", STAGES[S_pick(N_OF(STAGES))]);
        fprintf(f, "actor_types: [firms, %s]\n", ACTORS[1 + S_pick(7)]);
        fprintf(f, "funding:\n  - source: Regional grant\n    type: %s\n"
                "    amount: %u\n    years: %u\n", FUNDING[S_pick(N_OF(FUNDING))],
                100000 + S_pick(5000000), 1 + S_pick(5));
        fputs("activities:\n", f);
        unsigned nact = 2 + S_pick(7), gaps = 0;
        for (unsigned a = 0; a < nact; a++) {
            unsigned k = S_pick(N_OF(ACTS));
            if (S_pick(4) == 0) {
                unsigned x = S_pick(N_OF(ACTORS));
                fprintf(f, "  - name: %s\n    connects: [firms, %s]\n",
                        ACTS[k].name, ACTORS[x]);
                gaps |= 16 | ACTOR_GAP[x];
            } else {
                fprintf(f, "  - %s\n", ACTS[k].name);
                gaps |= ACTS[k].gaps;
            }
        }
        if (hugo) {
            fputs("gaplist: [", f);
            int first = 1;
            for (unsigned g = 0; g < 7; g++)
                if (gaps & (1u << g)) {
                    fprintf(f, "%s%s", first ? "" : ", ", GAPS[g]);
                    first = 0;
                }
            fputs("]\n", f);
        }
        fprintf(f, "date: 2024-%02u-%02u\n---\n", 1 + S_pick(12), 1 + S_pick(28));
        S_body(f);
        fclose(f);
    }
    return 0;
}
