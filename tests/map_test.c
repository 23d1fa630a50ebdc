/* map_test.c - the map module: base map, projection, fit, SVG outlines.
 * Prints one line per failure and a closing "N passed, N failed". */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "map.h"

static int passed, failed;

#define OK(cond) do { if (cond) passed++; else { failed++; \
    printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); } } while (0)
#define NEAR(a, b, eps) do { double a_ = (a), b_ = (b); \
    if (fabs(a_ - b_) <= (eps)) passed++; else { failed++; \
    printf("FAIL %s:%d: %s = %.9g, want %.9g +- %g\n", __FILE__, __LINE__, \
           #a, a_, b_, (double)(eps)); } } while (0)

#define PI 3.14159265358979323846

/* Roughly where the collection's clusters are (lon, lat). */
static const sg_lonlat EUROPE[] = {
    { 12.57, 55.68 },   /* Copenhagen */
    { 18.07, 59.33 },   /* Stockholm */
    { 24.94, 60.17 },   /* Helsinki */
    { 24.75, 59.44 },   /* Tallinn */
    { 24.11, 56.95 },   /* Riga */
    { 13.40, 52.52 },   /* Berlin */
    { 15.44, 47.07 },   /* Graz */
    { 4.84, 45.76 },    /* Lyon */
    { 2.17, 41.39 },    /* Barcelona */
    { -8.43, 40.21 },   /* Coimbra */
    { 5.47, 51.44 },    /* Eindhoven */
    { -2.29, 53.47 },   /* Salford */
    { 19.04, 47.50 },   /* Budapest */
    { -4.49, 48.39 },   /* Brest */
    { 9.92, 57.05 },    /* Aalborg */
};
#define NEUROPE (sizeof EUROPE / sizeof EUROPE[0])

static const sg_basemap *S_map(void)
{
    sg_arena a = SG_ARENA_INIT;
    sg_diags d;
    sg_diags_init(&d, &a);
    const sg_basemap *m = NULL;
    int rc = sg_basemap_builtin(&m, &d);
    OK(rc == 0 && m && d.n == 0);
    sg_arena_free(&a);
    return m;
}

/* ---- a reader of the module's own path data, for fill tests ---- */

/* Is (x, y) inside path data `d` (M x y l dx dy ... z, whole numbers),
 * by the even-odd rule? */
static int S_in_path(const char *d, const char *end, double x, double y)
{
    int in = 0;
    long sx = 0, sy = 0, cx = 0, cy = 0;
    char cmd = 0;
    const char *p = d;
    while (p < end) {
        if (*p == 'M' || *p == 'l') {
            cmd = *p++;
            continue;
        }
        if (*p == 'z') {
            /* the closing edge */
            if ((cy > y) != (sy > y) &&
                x < (double)(sx - cx) * (y - cy) / (double)(sy - cy) + cx)
                in = !in;
            cx = sx;
            cy = sy;
            p++;
            continue;
        }
        if (*p == ' ') {
            p++;
            continue;
        }
        char *q;
        long a = strtol(p, &q, 10);
        p = q;
        while (p < end && *p == ' ')
            p++;
        long b = strtol(p, &q, 10);
        p = q;
        if (cmd == 'M') {
            sx = cx = a;
            sy = cy = b;
            cmd = 'l';   /* as SVG: pairs after M's first are lines */
        } else {
            long nx = cx + a, ny = cy + b;
            if ((cy > y) != (ny > y) &&
                x < (double)(nx - cx) * (y - cy) / (double)(ny - cy) + cx)
                in = !in;
            cx = nx;
            cy = ny;
        }
    }
    return in;
}

/* The data-code of the path holding (x, y) in svg, "" when it has none,
 * NULL when no path holds it. Paths do not overlap but at borders. */
static const char *S_hit(const char *svg, double x, double y)
{
    static char code[3];
    for (const char *p = strstr(svg, "<path"); p; p = strstr(p + 1, "<path")) {
        const char *d = strstr(p, " d=\"") + 4, *e = strchr(d, '"');
        const char *c = strstr(p, "data-code=\"");
        if (S_in_path(d, e, x, y)) {
            if (c && c < d) {
                memcpy(code, c + 11, 2);
                code[2] = 0;
            } else {
                code[0] = 0;
            }
            return code;
        }
    }
    return NULL;
}

static int S_has(const char *svg, const char *code)
{
    char want[32];
    snprintf(want, sizeof want, "data-code=\"%s\"", code);
    return strstr(svg, want) != NULL;
}

/* ---- tests ---- */

static void test_projection(void)
{
    sg_proj p;
    sg_proj_init(&p, (sg_lonlat){ 0, 0 });
    sg_xy q = sg_proj_point(&p, (sg_lonlat){ 0, 0 });
    NEAR(q.x, 0, 1e-12);
    NEAR(q.y, 0, 1e-12);
    /* 90 degrees away lands at 2 sin 45 = sqrt 2, in its direction */
    q = sg_proj_point(&p, (sg_lonlat){ 90, 0 });
    NEAR(q.x, sqrt(2), 1e-12);
    NEAR(q.y, 0, 1e-12);
    q = sg_proj_point(&p, (sg_lonlat){ 0, 90 });   /* north is up: y < 0 */
    NEAR(q.x, 0, 1e-12);
    NEAR(q.y, -sqrt(2), 1e-12);
    q = sg_proj_point(&p, (sg_lonlat){ -60, 0 });
    NEAR(q.x, -2 * sin(30 * PI / 180), 1e-12);

    /* centred on Europe: every point lands at 2 sin(c/2) from the middle */
    sg_proj_init(&p, (sg_lonlat){ 10, 52 });
    q = sg_proj_point(&p, (sg_lonlat){ 10, 52 });
    NEAR(hypot(q.x, q.y), 0, 1e-12);
    q = sg_proj_point(&p, (sg_lonlat){ 10, 62 });   /* 10 degrees north */
    NEAR(q.x, 0, 1e-12);
    NEAR(q.y, -2 * sin(5 * PI / 180), 1e-12);
    double f1 = 52 * PI / 180, f2 = 40.4 * PI / 180, dl = (10 + 3.7) * PI / 180;
    double c = acos(sin(f1) * sin(f2) + cos(f1) * cos(f2) * cos(dl));
    q = sg_proj_point(&p, (sg_lonlat){ -3.7, 40.4 });   /* Madrid */
    NEAR(hypot(q.x, q.y), 2 * sin(c / 2), 1e-12);
    OK(q.x < 0 && q.y > 0);     /* west and south */

    /* equal area: 1x1 degree cells at the centre and 15 degrees away
     * keep their true area (R^2 dlon (sin f2 - sin f1)) within 1 % */
    sg_proj_init(&p, (sg_lonlat){ 15, 55 });
    const double cells[][2] = { { 15, 55 }, { 15, 40 }, { 35, 62 }, { -5, 50 } };
    for (size_t k = 0; k < sizeof cells / sizeof cells[0]; k++) {
        double lon = cells[k][0], lat = cells[k][1], area = 0;
        sg_xy ring[40];
        for (int i = 0; i < 10; i++) {   /* the sides, densified */
            ring[i] = sg_proj_point(&p, (sg_lonlat){ lon + i / 10.0, lat });
            ring[10 + i] = sg_proj_point(&p, (sg_lonlat){ lon + 1, lat + i / 10.0 });
            ring[20 + i] = sg_proj_point(&p, (sg_lonlat){ lon + 1 - i / 10.0, lat + 1 });
            ring[30 + i] = sg_proj_point(&p, (sg_lonlat){ lon, lat + 1 - i / 10.0 });
        }
        for (int i = 0, j = 39; i < 40; j = i++)
            area += ring[j].x * ring[i].y - ring[i].x * ring[j].y;
        area = fabs(area) / 2;
        double want = (PI / 180) * (sin((lat + 1) * PI / 180) - sin(lat * PI / 180));
        NEAR(area / want, 1, 0.01);
    }

    /* the centre of points across the antimeridian is on it */
    sg_lonlat fiji[] = { { 178, -17 }, { -179, -16 } };
    sg_lonlat mid = sg_map_centre(fiji, 2);
    NEAR(fabs(mid.lon), 179.5, 1e-9);
    NEAR(mid.lat, -16.5, 1e-9);
    mid = sg_map_centre(EUROPE, NEUROPE);
    NEAR(mid.lon, (24.94 - 8.43) / 2, 1e-9);
    NEAR(mid.lat, (60.17 + 40.21) / 2, 1e-9);
}

static void test_fit(void)
{
    sg_arena a = SG_ARENA_INIT;
    sg_diags d;
    sg_diags_init(&d, &a);
    sg_proj p;
    sg_xy xy[NEUROPE];
    sg_map_frame f = { 800, 700, 20, 0 };
    OK(sg_map_fit(&p, &f, EUROPE, NEUROPE, xy, &d) == 0);
    int touch = 0;
    for (size_t i = 0; i < NEUROPE; i++) {
        OK(xy[i].x >= 20 - 1e-9 && xy[i].x <= 780 + 1e-9);
        OK(xy[i].y >= 20 - 1e-9 && xy[i].y <= 680 + 1e-9);
        touch += fabs(xy[i].x - 20) < 1e-6 || fabs(xy[i].x - 780) < 1e-6 ||
                 fabs(xy[i].y - 20) < 1e-6 || fabs(xy[i].y - 680) < 1e-6;
    }
    OK(touch >= 2);     /* as large as fits: two sides touched */
    OK(xy[1].y < xy[5].y && xy[5].y < xy[8].y);   /* Stockholm, Berlin, Barcelona */
    OK(xy[9].x < xy[7].x && xy[7].x < xy[12].x);  /* Coimbra, Lyon, Budapest */

    /* one point: in the middle, with 600 km shown across the narrower way */
    OK(sg_map_fit(&p, &f, EUROPE, 1, xy, &d) == 0);
    NEAR(xy[0].x, 400, 1e-9);
    NEAR(xy[0].y, 350, 1e-9);
    NEAR((700 - 40) / p.scale * SG_EARTH_KM, SG_MAP_MIN_KM, 1e-6);
    sg_map_frame wide = { 800, 700, 20, 1500 };
    OK(sg_map_fit(&p, &wide, EUROPE, 1, xy, &d) == 0);
    NEAR((700 - 40) / p.scale * SG_EARTH_KM, 1500, 1e-6);
    /* two close points (Copenhagen, Aalborg) still get the minimum */
    sg_lonlat two[] = { EUROPE[0], EUROPE[14] };
    OK(sg_map_fit(&p, &f, two, 2, xy, &d) == 0);
    OK((700 - 40) / p.scale * SG_EARTH_KM >= SG_MAP_MIN_KM - 1e-6);
    NEAR((xy[0].x + xy[1].x) / 2, 400, 1e-6);
    OK(d.n == 0);

    /* what cannot be fitted */
    OK(sg_map_fit(&p, &f, EUROPE, 0, xy, &d) < 0 && d.errors == 1);
    sg_lonlat bad[] = { { 10, 95 } };
    OK(sg_map_fit(&p, &f, bad, 1, xy, &d) < 0 && d.errors == 2);
    bad[0].lat = NAN;
    OK(sg_map_fit(&p, &f, bad, 1, xy, &d) < 0 && d.errors == 3);
    sg_map_frame tight = { 100, 100, 50, 0 };
    OK(sg_map_fit(&p, &tight, EUROPE, 1, xy, &d) < 0 && d.errors == 4);
    OK(d.items[3].hint != NULL);
    sg_map_frame huge = { 1e9, 100, 0, 0 }, far = { 100, 100, 0, 1e6 };
    OK(sg_map_fit(&p, &huge, EUROPE, 1, xy, &d) < 0 && d.errors == 5);
    OK(sg_map_fit(&p, &far, EUROPE, 1, xy, &d) < 0 && d.errors == 6);
    far.min_km = NAN;
    OK(sg_map_fit(&p, &far, EUROPE, 1, xy, &d) < 0 && d.errors == 7);
    sg_arena_free(&a);
}

static void test_parse(void)
{
    const sg_basemap *m = S_map();
    if (!m)
        return;
    OK(m->n >= 200);
    const char *want[] = { "DK", "SE", "FI", "EE", "LV", "LT", "DE", "AT",
                           "FR", "ES", "PT", "NL", "GB", "HU", "XK", "MC" };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const sg_country *c = sg_basemap_find(m, want[i]);
        OK(c && c->nrings >= 1 && c->rings[0].n >= 3);
    }
    const sg_country *dk = sg_basemap_find(m, "DK");
    OK(dk && strcmp(dk->name, "Denmark") == 0 && dk->numeric == 208);
    OK(dk && dk->nrings >= 3);      /* Jutland, Zealand, Funen... */
    OK(sg_basemap_find(m, "ZZ") == NULL && sg_basemap_find(m, "") == NULL);

    /* where cities are: inland, and on coasts just off the outline */
    struct { sg_lonlat p; const char *code; } at[] = {
        { { 12.57, 55.68 }, "DK" }, { { 18.07, 59.33 }, "SE" },
        { { 2.35, 48.86 }, "FR" }, { { -9.14, 38.72 }, "PT" },
        { { -4.49, 48.39 }, "FR" }, { { 24.75, 59.44 }, "EE" },
        { { 13.40, 52.52 }, "DE" }, { { 151.21, -33.87 }, "AU" },
        { { -58.38, -34.60 }, "AR" }, { { 21.17, 42.67 }, "XK" },
    };
    for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
        const sg_country *c = sg_basemap_locate(m, at[i].p, 25);
        OK(c && strcmp(c->code, at[i].code) == 0);
        if (c && strcmp(c->code, at[i].code) != 0)
            printf("  %g,%g is in %s\n", at[i].p.lon, at[i].p.lat, c->code);
    }
    OK(sg_basemap_locate(m, (sg_lonlat){ 3.0, 56.0 }, 25) == NULL);  /* North Sea */
    OK(sg_basemap_locate(m, (sg_lonlat){ -30, 30 }, 25) == NULL);    /* Atlantic */

    /* the format, and what is wrong with a bad file */
    sg_arena a = SG_ARENA_INIT;
    sg_diags d;
    sg_diags_init(&d, &a);
    const sg_basemap *s = NULL;
    const char good[] = "# comment\n"
        "AA\t1\tSquare\t0,0 100,0 0,100 -100,0\t20,20 10,0 0,10\n"
        "-\t0\tNo code\t-18000,-9000 36000,0 0,100 -18000,0 -18000,0\n";   /* along the pole */
    OK(sg_basemap_parse(&a, "t", good, sizeof good - 1, &s, &d) == 0);
    OK(s && s->n == 2 && s->points == 12);
    if (s && s->n == 2) {
        OK(strcmp(s->countries[0].code, "AA") == 0);
        OK(s->countries[0].nrings == 2 && s->countries[0].rings[0].n == 4);
        OK(s->countries[0].rings[0].ll[4] == 100 && s->countries[0].rings[0].ll[5] == 100);
        OK(s->countries[1].code[0] == 0 && strcmp(s->countries[1].name, "No code") == 0);
        OK(s->countries[1].rings[0].ll[2] == 18000);
        const sg_country *c = sg_basemap_locate(s, (sg_lonlat){ 0.5, 0.9 }, 0);
        OK(c == &s->countries[0]);
        OK(sg_basemap_locate(s, (sg_lonlat){ 0.1, 0.5 }, 0) == &s->countries[0]);
        OK(sg_basemap_locate(s, (sg_lonlat){ 0.27, 0.22 }, 0) == NULL);  /* the hole */
    }
    struct { const char *text; unsigned line, col; const char *msg; } bad[] = {
        { "AA\t1\tX\t0,0 1,0\n", 1, 8, "at least 3" },
        { "# c\nAA\t1\tX\t0,0 1,0 x,1\n", 2, 16, "whole number" },
        { "AA\t1\tX\t0,0 1,0 0,9001\n", 1, 16, "off the globe" },
        { "aa\t1\tX\t0,0 1,0 0,1\n", 1, 1, "two capital letters" },
        { "AA\t1\tX\n", 1, 6, "at least one ring" },
        { "AA\t1\t\t0,0 1,0 0,1\n", 1, 6, "name is empty" },
        { "AA\t1\tX\t0,0 1,0  0,1\n", 1, 16, "whole number" },
        { "AA\t1\tX\t0,0 1;0 0,1\n", 1, 13, "expected ','" },
        { "AA\t1000\tX\t0,0 1,0 0,1\n", 1, 8, "0 to 999" },
        { "AA\t1\tX\t0,0 1,0 1234567,1\n", 1, 16, "whole number" },
        { "AA\t1\tX\t0,0 1,0 0,1\tRU\n", 1, 20, "at least 3" },
        { "AA\t1\tX\t17900,0 -35800,0 0,100\n", 1, 8, "crosses the antimeridian" },
        { "# only comments\n\n", 0, 0, "no countries" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        size_t before = d.n;
        int rc = sg_basemap_parse(&a, "t.txt", bad[i].text, strlen(bad[i].text), &s, &d);
        OK(rc < 0 && d.n == before + 1);
        if (d.n == before + 1) {
            const sg_diag *g = &d.items[before];
            OK(g->sev == SG_ERROR && g->hint && strcmp(g->file, "t.txt") == 0);
            OK(g->line == bad[i].line && g->col == bad[i].col);
            OK(strstr(g->msg, bad[i].msg) != NULL);
            if (g->line != bad[i].line || g->col != bad[i].col ||
                !strstr(g->msg, bad[i].msg))
                printf("  case %zu: %u:%u: %s\n", i, g->line, g->col, g->msg);
        }
    }
    sg_arena_free(&a);
}

static void test_svg(void)
{
    const sg_basemap *m = S_map();
    if (!m)
        return;
    sg_arena a = SG_ARENA_INIT;
    sg_diags d;
    sg_diags_init(&d, &a);
    sg_proj p;
    sg_xy xy[NEUROPE];

    /* Denmark and Sweden */
    sg_lonlat nordic[] = { EUROPE[0], EUROPE[1], EUROPE[14] };
    sg_map_frame f = { 600, 500, 20, 0 };
    OK(sg_map_fit(&p, &f, nordic, 3, xy, &d) == 0);
    sg_buf b = SG_BUF_INIT, b2 = SG_BUF_INIT;
    const char *hl[] = { "DK" };
    sg_map_svg_countries(&b, m, &p, hl, 1);
    OK(S_has(b.ptr, "DK") && S_has(b.ptr, "SE") && S_has(b.ptr, "NO"));
    OK(!S_has(b.ptr, "AU") && !S_has(b.ptr, "ES") && !S_has(b.ptr, "US"));
    OK(strstr(b.ptr, "<path class=\"map-country map-hl\" data-code=\"DK\" d=\"M") != NULL);
    OK(strstr(b.ptr, "<path class=\"map-country\" data-code=\"SE\" d=\"M") != NULL);
    int tidy = 1;   /* path data: whole numbers, M, l and z only */
    for (const char *q = strstr(b.ptr, "d=\""); q; q = strstr(q + 1, "d=\""))
        tidy &= q[3 + strspn(q + 3, "Mlz0123456789 -")] == '"';
    OK(tidy);
    sg_xy k = sg_proj_point(&p, (sg_lonlat){ 14.16, 57.78 });   /* Jönköping */
    const char *h = S_hit(b.ptr, k.x, k.y);
    OK(h && strcmp(h, "SE") == 0);
    k = sg_proj_point(&p, (sg_lonlat){ 9.2, 56.2 });     /* mid-Jutland */
    h = S_hit(b.ptr, k.x, k.y);
    OK(h && strcmp(h, "DK") == 0);
    sg_lonlat kattegat = { 11.5, 56.8 };     /* sea between the two */
    k = sg_proj_point(&p, kattegat);
    OK(S_hit(b.ptr, k.x, k.y) == NULL);
    /* deterministic */
    sg_map_svg_countries(&b2, m, &p, hl, 1);
    OK(b.len == b2.len && memcmp(b.ptr, b2.ptr, b.len) == 0);

    /* the whole collection: each city on its own country's fill */
    sg_buf_reset(&b);
    sg_map_frame big = { 800, 700, 20, 0 };
    OK(sg_map_fit(&p, &big, EUROPE, NEUROPE, xy, &d) == 0);
    sg_map_svg_countries(&b, m, &p, NULL, 0);
    const char *home[] = { "DK", "SE", "FI", "EE", "LV", "DE", "AT", "FR",
                           "ES", "PT", "NL", "GB", "HU", "FR", "DK" };
    for (size_t i = 0; i < NEUROPE; i++) {
        const sg_country *c = sg_basemap_locate(m, EUROPE[i], 25);
        OK(c && strcmp(c->code, home[i]) == 0);
        OK(S_has(b.ptr, home[i]));
    }
    OK(!S_has(b.ptr, "AU") && !S_has(b.ptr, "BR") && !S_has(b.ptr, "CN"));
    OK(b.len < 150 * 1024);
    k = sg_proj_point(&p, (sg_lonlat){ 3.0, 56.0 });   /* North Sea */
    OK(S_hit(b.ptr, k.x, k.y) == NULL);
    k = sg_proj_point(&p, (sg_lonlat){ 10.0, 51.0 });  /* Thuringia */
    h = S_hit(b.ptr, k.x, k.y);
    OK(h && strcmp(h, "DE") == 0);
    /* every move stays inside the viewport and its clipping pad */
    int inside = 1;
    for (const char *q = strchr(b.ptr, 'M'); q; q = strchr(q + 1, 'M')) {
        char *e;
        long x = strtol(q + 1, &e, 10), y = strtol(e, NULL, 10);
        inside &= x >= -2 && x <= 802 && y >= -2 && y <= 702;
    }
    OK(inside);

    /* Madrid's antipode is in New Zealand: no flood of the map by it */
    sg_buf_reset(&b);
    sg_lonlat madrid = { -3.70, 40.42 };
    OK(sg_map_fit(&p, &f, &madrid, 1, xy, &d) == 0);
    sg_map_svg_countries(&b, m, &p, NULL, 0);
    h = S_hit(b.ptr, xy[0].x, xy[0].y);
    OK(h && strcmp(h, "ES") == 0);
    OK(!S_has(b.ptr, "NZ") && S_has(b.ptr, "PT"));
    /* a view of most of the globe, centred where the antipode is inside
     * Russia: the sea at the centre stays sea, the land land */
    sg_buf_reset(&b);
    sg_lonlat pacific = { -80, -60 };
    sg_map_frame globe = { 800, 800, 10, 22000 };
    OK(sg_map_fit(&p, &globe, &pacific, 1, xy, &d) == 0);
    sg_map_svg_countries(&b, m, &p, NULL, 0);
    OK(S_has(b.ptr, "RU") && S_has(b.ptr, "AR") && S_has(b.ptr, "AQ"));
    OK(S_hit(b.ptr, xy[0].x, xy[0].y) == NULL);
    k = sg_proj_point(&p, (sg_lonlat){ -64, -34 });   /* the pampas */
    h = S_hit(b.ptr, k.x, k.y);
    OK(h && strcmp(h, "AR") == 0);
    k = sg_proj_point(&p, (sg_lonlat){ -20, -30 });    /* South Atlantic */
    OK(S_hit(b.ptr, k.x, k.y) == NULL);
    k = sg_proj_point(&p, (sg_lonlat){ 20, 10 });      /* Chad */
    h = S_hit(b.ptr, k.x, k.y);
    OK(h && strcmp(h, "TD") == 0);
    /* inside Russia, seen from the far side of the globe */
    sg_map_frame whole = { 800, 800, 10, 40000 };
    OK(sg_map_fit(&p, &whole, &pacific, 1, xy, &d) == 0);
    sg_buf_reset(&b);
    sg_map_svg_countries(&b, m, &p, NULL, 0);
    k = sg_proj_point(&p, (sg_lonlat){ 60, 60 });       /* the Urals */
    h = S_hit(b.ptr, k.x, k.y);
    OK(h && strcmp(h, "RU") == 0);
    OK(S_hit(b.ptr, xy[0].x, xy[0].y) == NULL);
    OK(S_hit(b.ptr, 5, 5) == NULL);     /* beyond the globe's disc */

    /* a locator: a cross-border case has all its countries highlighted */
    sg_buf_reset(&b);
    sg_lonlat border[] = { { 12.57, 55.68 }, { 13.00, 55.60 } };  /* Copenhagen, Malmö */
    sg_map_frame small = { 300, 240, 10, 800 };
    OK(sg_map_locator(&b, m, &small, border, 2, NULL, 0, &p, xy, &d) == 0);
    OK(strstr(b.ptr, "map-hl\" data-code=\"DK\"") && strstr(b.ptr, "map-hl\" data-code=\"SE\""));
    OK(!strstr(b.ptr, "map-hl\" data-code=\"DE\"") && S_has(b.ptr, "DE"));
    sg_buf_reset(&b);
    const char *given[] = { "DE" };
    OK(sg_map_locator(&b, m, &small, border, 2, given, 1, &p, xy, &d) == 0);
    OK(strstr(b.ptr, "map-hl\" data-code=\"DE\"") && !strstr(b.ptr, "map-hl\" data-code=\"DK\""));
    OK(sg_map_locator(&b, m, &small, border, 0, NULL, 0, &p, xy, &d) < 0);

    OK(d.errors == 1);
    sg_buf_free(&b);
    sg_buf_free(&b2);
    sg_arena_free(&a);
}

/* the built-in map from several threads at once: one parse, one result */
static void *S_thread(void *arg)
{
    sg_arena a = SG_ARENA_INIT;
    sg_diags d;
    sg_diags_init(&d, &a);
    const sg_basemap *m = NULL;
    sg_buf *b = arg;
    sg_proj p;
    if (sg_basemap_builtin(&m, &d) == 0 &&
        sg_map_fit(&p, &(sg_map_frame){ 400, 300, 10, 0 }, EUROPE, NEUROPE,
                   NULL, &d) == 0)
        sg_map_svg_countries(b, m, &p, NULL, 0);
    sg_arena_free(&a);
    return NULL;
}

static void test_threads(void)
{
    pthread_t t[3];
    sg_buf b[3] = { SG_BUF_INIT, SG_BUF_INIT, SG_BUF_INIT };
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, S_thread, &b[i]);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    OK(b[0].len > 1000);
    OK(b[0].len == b[1].len && memcmp(b[0].ptr, b[1].ptr, b[0].len) == 0);
    OK(b[0].len == b[2].len && memcmp(b[0].ptr, b[2].ptr, b[0].len) == 0);
    for (int i = 0; i < 3; i++)
        sg_buf_free(&b[i]);
}

int main(void)
{
    test_threads();     /* first, so that the threads race to parse */
    test_projection();
    test_fit();
    test_parse();
    test_svg();
    printf("map: %d passed, %d failed\n", passed, failed);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
