/* map.c - the base map, the equal-area projection and SVG outlines.
 *
 * Points are kept as unit vectors as well as degrees: the projection is
 * then three dot products and a square root per point, with no trig.
 *
 * Lambert azimuthal equal-area maps the whole sphere but the antipode
 * of its centre onto a disc of radius 2 (Earth radii); near that rim a
 * short edge can land as a long chord across the disc. So outlines are
 * drawn faithfully only inside a circle a little beyond the viewport
 * (the "cap"); what lies beyond is pushed out onto that circle, where
 * it cannot show, and joined along it. An outline that surrounds the
 * antipode then winds once too often round the cap: such a ring is
 * written with the cap's circle beside it, which the even-odd rule
 * cancels. Everything is then clipped to the viewport.
 */
#include "map.h"

#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

extern const unsigned char sg_basemap_data[];
extern const size_t sg_basemap_size;

#define BUILTIN "<built-in basemap.txt>"
#define HINT "see the format at the top of gen/basemap.txt; `make basemap` remakes it"
#define DEG (M_PI / 180.0)
#define PAD 2.0              /* clip this far outside the viewport */
#define ARC_STEP (10 * DEG)  /* joins along the cap circle */
#define MAX_EDGE 200         /* hundredths of a degree: longer edges are split */

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* ---- the text format ---- */

typedef struct reader {
    const char *file;
    const char *p, *end;
    const char *line_start;
    unsigned line;
    sg_diags *d;
} reader;

static int S_bad(reader *R, const char *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int S_bad(reader *R, const char *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sg_diag_vadd(R->d, SG_ERROR, R->file,
                 (sg_mark){ R->line, (unsigned)(at - R->line_start) + 1 },
                 HINT, fmt, ap);
    va_end(ap);
    return -1;
}

static void S_unit(double lon, double lat, double v[3])
{
    double cl = cos(lat * DEG);
    v[0] = cl * cos(lon * DEG);
    v[1] = cl * sin(lon * DEG);
    v[2] = sin(lat * DEG);
}

static double S_dot(const double a[3], const double b[3])
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/* A cap around `n` unit vectors: their normalised sum, and the cosine
 * of the widest angle from it (-1, the whole sphere, past 90 degrees,
 * where "around" stops meaning "holds the ring's inside"). */
static void S_cap(const double *v, size_t n, double c[3], double *cos_r)
{
    double s[3] = { 0, 0, 0 };
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < 3; k++)
            s[k] += v[3 * i + k];
    double len = sqrt(S_dot(s, s));
    if (len < 1e-9) {
        memcpy(c, v, 3 * sizeof *c);
        *cos_r = -1;
        return;
    }
    for (int k = 0; k < 3; k++)
        c[k] = s[k] / len;
    double m = 1;
    for (size_t i = 0; i < n; i++) {
        double dd = S_dot(c, v + 3 * i);
        if (dd < m)
            m = dd;
    }
    *cos_r = m <= 1e-6 ? -1 : m;
}

/* An optional '-', then 1 to 6 digits. */
static int S_int(reader *R, long *out)
{
    const char *s = R->p;
    bool neg = R->p < R->end && *R->p == '-';
    if (neg)
        R->p++;
    long v = 0;
    int digits = 0;
    while (R->p < R->end && *R->p >= '0' && *R->p <= '9' && digits < 7) {
        v = v * 10 + (*R->p++ - '0');
        digits++;
    }
    if (digits == 0 || digits > 6)
        return S_bad(R, s, "expected a whole number of at most 6 digits");
    *out = neg ? -v : v;
    return 0;
}

static size_t S_count(const char *p, const char *end, char c)
{
    size_t n = 0;
    for (; p < end; p++)
        n += *p == c;
    return n;
}

/* One RING field, from R->p to `end` (a tab or the line's end). */
static int S_ring(reader *R, sg_arena *a, const char *end, sg_ring *r)
{
    const char *start = R->p;
    size_t n = S_count(R->p, end, ' ') + 1;
    if (n < 3)
        return S_bad(R, R->p, "a ring has %zu point%s; it needs at least 3",
                     n, n == 1 ? "" : "s");
    int32_t *ll = sg_alloc(a, 2 * n * sizeof *ll);
    double *v = sg_alloc(a, 3 * n * sizeof *v);
    long lon = 0, lat = 0;
    for (size_t i = 0; i < n; i++) {
        const char *at = R->p;
        long x, y;
        if (S_int(R, &x) < 0)
            return -1;
        if (R->p >= end || *R->p != ',')
            return S_bad(R, R->p, "expected ',' between longitude and latitude");
        R->p++;
        if (S_int(R, &y) < 0)
            return -1;
        if (i + 1 < n) {
            if (R->p >= end || *R->p != ' ')
                return S_bad(R, R->p, "expected one space between points");
            R->p++;
        } else if (R->p != end) {
            return S_bad(R, R->p, "expected a tab or the end of the line");
        }
        lon = i ? lon + x : x;
        lat = i ? lat + y : y;
        if (lon < -18000 || lon > 18000 || lat < -9000 || lat > 9000)
            return S_bad(R, at, "point %ld,%ld is off the globe "
                         "(longitude -18000..18000, latitude -9000..9000, "
                         "in hundredths of a degree)", lon, lat);
        ll[2 * i] = (int32_t)lon;
        ll[2 * i + 1] = (int32_t)lat;
        S_unit(lon / 100.0, lat / 100.0, v + 3 * i);
        if (i == 0) {
            r->box[0] = r->box[2] = (int32_t)lon;
            r->box[1] = r->box[3] = (int32_t)lat;
        }
        if (lon < r->box[0]) r->box[0] = (int32_t)lon;
        if (lon > r->box[2]) r->box[2] = (int32_t)lon;
        if (lat < r->box[1]) r->box[1] = (int32_t)lat;
        if (lat > r->box[3]) r->box[3] = (int32_t)lat;
    }
    /* plane polygons: an edge may run along a pole, not across +-180 */
    for (size_t i = 0, j = n - 1; i < n; j = i++)
        if (labs((long)ll[2 * i] - ll[2 * j]) > 18000 &&
            !(ll[2 * i + 1] == ll[2 * j + 1] && labs((long)ll[2 * i + 1]) == 9000))
            return S_bad(R, start, "an edge of this ring crosses the "
                         "antimeridian (%d,%d to %d,%d): cut the ring there",
                         ll[2 * j], ll[2 * j + 1], ll[2 * i], ll[2 * i + 1]);
    r->n = n;
    r->ll = ll;
    r->v = v;
    S_cap(v, n, r->cap, &r->cap_cos);
    return 0;
}

static int S_country(reader *R, sg_arena *a, const char *eol, sg_country *c)
{
    const char *tab = memchr(R->p, '\t', (size_t)(eol - R->p));
    if (!tab)
        return S_bad(R, R->p, "expected CODE, NUMERIC, NAME and rings, "
                     "separated by tabs");
    size_t len = (size_t)(tab - R->p);
    if (len == 1 && R->p[0] == '-') {
        c->code[0] = '\0';
    } else if (len == 2 && R->p[0] >= 'A' && R->p[0] <= 'Z' &&
               R->p[1] >= 'A' && R->p[1] <= 'Z') {
        memcpy(c->code, R->p, 2);
        c->code[2] = '\0';
    } else {
        return S_bad(R, R->p, "the code must be two capital letters, or '-'");
    }
    R->p = tab + 1;
    long num;
    if (S_int(R, &num) < 0)
        return -1;
    if (num < 0 || num > 999)
        return S_bad(R, R->p, "the numeric code must be 0 to 999");
    c->numeric = (unsigned)num;
    if (R->p >= eol || *R->p != '\t')
        return S_bad(R, R->p, "expected a tab after the numeric code");
    const char *name = ++R->p;
    tab = memchr(name, '\t', (size_t)(eol - name));
    if (!tab || tab == name)
        return S_bad(R, name, tab ? "the name is empty"
                     : "expected a tab and at least one ring after the name");
    c->name = sg_strndup(a, name, (size_t)(tab - name));
    R->p = tab + 1;
    size_t n = S_count(R->p, eol, '\t') + 1;
    sg_ring *rings = sg_alloc(a, n * sizeof *rings);
    for (size_t i = 0; i < n; i++) {
        const char *end = memchr(R->p, '\t', (size_t)(eol - R->p));
        if (!end)
            end = eol;
        if (S_ring(R, a, end, &rings[i]) < 0)
            return -1;
        R->p = end + (end < eol);
    }
    c->nrings = n;
    c->rings = rings;
    /* the country's cap: around every point of every ring */
    double s[3] = { 0, 0, 0 };
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < rings[i].n; j++)
            for (int k = 0; k < 3; k++)
                s[k] += rings[i].v[3 * j + k];
    double slen = sqrt(S_dot(s, s));
    c->cap_cos = -1;
    if (slen > 1e-9) {
        double m = 1;
        for (int k = 0; k < 3; k++)
            c->cap[k] = s[k] / slen;
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < rings[i].n; j++) {
                double dd = S_dot(c->cap, rings[i].v + 3 * j);
                if (dd < m)
                    m = dd;
            }
        c->cap_cos = m <= 1e-6 ? -1 : m;
    }
    return 0;
}

int sg_basemap_parse(sg_arena *a, const char *file, const char *text,
                     size_t len, const sg_basemap **out, sg_diags *d)
{
    reader R = { .file = file, .p = text, .end = text + len,
                 .line_start = text, .line = 0, .d = d };
    /* one country a line: count them for one allocation */
    size_t cap = S_count(text, text + len, '\n') + 1, n = 0, points = 0;
    sg_country *cs = sg_alloc(a, cap * sizeof *cs);
    while (R.p < R.end) {
        R.line++;
        R.line_start = R.p;
        const char *eol = memchr(R.p, '\n', (size_t)(R.end - R.p));
        if (!eol)
            eol = R.end;
        if (memchr(R.p, '\0', (size_t)(eol - R.p)))
            return S_bad(&R, memchr(R.p, '\0', (size_t)(eol - R.p)),
                         "a NUL byte in the base map");
        if (R.p < eol && *R.p != '#') {
            if (S_country(&R, a, eol, &cs[n]) < 0)
                return -1;
            for (size_t i = 0; i < cs[n].nrings; i++)
                points += cs[n].rings[i].n;
            n++;
        }
        R.p = eol + (eol < R.end);
    }
    if (n == 0) {
        R.line = 0;
        return sg_error(d, file, (sg_mark){ 0, 0 }, HINT,
                        "the base map has no countries");
    }
    sg_basemap *m = sg_alloc(a, sizeof *m);
    m->n = n;
    m->countries = cs;
    m->points = points;
    *out = m;
    return 0;
}

/* ---- the built-in map, parsed once ---- */

static pthread_once_t S_once = PTHREAD_ONCE_INIT;
static sg_arena S_arena = SG_ARENA_INIT;
static sg_diags S_diags;
static const sg_basemap *S_map;

static void S_parse_builtin(void)
{
    sg_diags_init(&S_diags, &S_arena);
    if (sg_basemap_parse(&S_arena, BUILTIN, (const char *)sg_basemap_data,
                         sg_basemap_size, &S_map, &S_diags) < 0)
        S_map = NULL;
}

int sg_basemap_builtin(const sg_basemap **out, sg_diags *d)
{
    pthread_once(&S_once, S_parse_builtin);
    if (!S_map) {
        sg_diags_merge(d, &S_diags);
        return -1;
    }
    *out = S_map;
    return 0;
}

const sg_country *sg_basemap_find(const sg_basemap *m, const char *code)
{
    if (!code || !code[0])
        return NULL;
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->countries[i].code, code) == 0)
            return &m->countries[i];
    return NULL;
}

/* ---- where a point is ---- */

/* Even-odd point in ring, in the plane of longitude and latitude (the
 * file's rings are cut at the antimeridian, so that plane is theirs). */
static bool S_in_ring(const sg_ring *r, double x, double y)
{
    if (x < r->box[0] || x > r->box[2] || y < r->box[1] || y > r->box[3])
        return false;
    bool in = false;
    for (size_t i = 0, j = r->n - 1; i < r->n; j = i++) {
        double xi = r->ll[2 * i], yi = r->ll[2 * i + 1];
        double xj = r->ll[2 * j], yj = r->ll[2 * j + 1];
        if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
            in = !in;
    }
    return in;
}

static bool S_in_country(const sg_country *c, double x, double y)
{
    bool in = false;
    for (size_t i = 0; i < c->nrings; i++)
        in ^= S_in_ring(&c->rings[i], x, y);
    return in;
}

/* Distance in km from (x, y) to segment a-b, all in hundredths of a
 * degree, in a local equirectangular plane: good for tens of km. */
static double S_seg_km(double x, double y, double ax, double ay, double bx,
                       double by, double k)
{
    double px = (x - ax) * k, py = y - ay, dx = (bx - ax) * k, dy = by - ay;
    double l2 = dx * dx + dy * dy, t = l2 > 0 ? (px * dx + py * dy) / l2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    double ex = px - t * dx, ey = py - t * dy;
    return sqrt(ex * ex + ey * ey) * (SG_EARTH_KM * DEG / 100.0);
}

const sg_country *sg_basemap_locate(const sg_basemap *m, sg_lonlat p,
                                    double max_km)
{
    if (!isfinite(p.lon) || !isfinite(p.lat))
        return NULL;
    double x = p.lon * 100, y = p.lat * 100;
    for (size_t i = 0; i < m->n; i++)
        if (S_in_country(&m->countries[i], x, y))
            return &m->countries[i];
    if (!(max_km > 0))
        return NULL;
    double v[3], k = cos(p.lat * DEG), reach = max_km / SG_EARTH_KM;
    double margin = max_km / (SG_EARTH_KM * DEG / 100.0);   /* hundredths */
    S_unit(p.lon, p.lat, v);
    const sg_country *best = NULL;
    double best_km = max_km;
    for (size_t i = 0; i < m->n; i++) {
        const sg_country *c = &m->countries[i];
        if (c->cap_cos > -1 &&
            acos(fmin(1, S_dot(v, c->cap))) - acos(c->cap_cos) > reach)
            continue;
        for (size_t j = 0; j < c->nrings; j++) {
            const sg_ring *r = &c->rings[j];
            if (y < r->box[1] - margin || y > r->box[3] + margin ||
                ((x < r->box[0] - margin / fmax(k, 0.01) ||
                  x > r->box[2] + margin / fmax(k, 0.01))))
                continue;
            for (size_t a = 0, b = r->n - 1; a < r->n; b = a++) {
                double km = S_seg_km(x, y, r->ll[2 * b], r->ll[2 * b + 1],
                                     r->ll[2 * a], r->ll[2 * a + 1], k);
                if (km < best_km) {
                    best_km = km;
                    best = c;
                }
            }
        }
    }
    return best;
}

/* ---- the projection ---- */

void sg_proj_init(sg_proj *p, sg_lonlat centre)
{
    double l = centre.lon * DEG, f = centre.lat * DEG;
    memset(p, 0, sizeof *p);
    p->centre = centre;
    p->u[0] = cos(f) * cos(l); p->u[1] = cos(f) * sin(l); p->u[2] = sin(f);
    p->e[0] = -sin(l);         p->e[1] = cos(l);          p->e[2] = 0;
    p->n[0] = -sin(f) * cos(l); p->n[1] = -sin(f) * sin(l); p->n[2] = cos(f);
    p->scale = 1;
}

/* The projection of unit vector v, on the unit sphere: a point at angle
 * c from the centre lands at distance 2 sin(c/2), so X^2 + Y^2 is
 * 2 (1 - cos c). */
static void S_raw(const sg_proj *p, const double v[3], double *X, double *Y)
{
    double cc = S_dot(v, p->u), a = S_dot(v, p->e), b = S_dot(v, p->n);
    if (1 + cc < 1e-12) {      /* the antipode: anywhere on the rim */
        *X = 0;
        *Y = -2;
        return;
    }
    double k = sqrt(2 / (1 + cc));
    *X = k * a;
    *Y = k * b;
}

sg_xy sg_proj_point(const sg_proj *p, sg_lonlat g)
{
    double v[3], X, Y;
    S_unit(g.lon, g.lat, v);
    S_raw(p, v, &X, &Y);
    return (sg_xy){ p->x0 + p->scale * X, p->y0 - p->scale * Y };
}

sg_lonlat sg_map_centre(const sg_lonlat *pts, size_t n)
{
    if (n == 0)
        return (sg_lonlat){ 0, 0 };
    double lo = 1e9, hi = -1e9, lo2 = 1e9, hi2 = -1e9, s = 1e9, nn = -1e9;
    for (size_t i = 0; i < n; i++) {
        double l = pts[i].lon, l2 = l < 0 ? l + 360 : l;
        lo = fmin(lo, l); hi = fmax(hi, l);
        lo2 = fmin(lo2, l2); hi2 = fmax(hi2, l2);
        s = fmin(s, pts[i].lat); nn = fmax(nn, pts[i].lat);
    }
    double lon = (lo + hi) / 2;
    if (hi2 - lo2 < hi - lo) {     /* shorter across the antimeridian */
        lon = (lo2 + hi2) / 2;
        if (lon > 180)
            lon -= 360;
    }
    return (sg_lonlat){ lon, (s + nn) / 2 };
}

int sg_map_fit(sg_proj *p, const sg_map_frame *f, const sg_lonlat *pts,
               size_t n, sg_xy *xy, sg_diags *d)
{
    if (n == 0)
        return sg_error(d, NULL, (sg_mark){ 0, 0 },
                        "give a map at least one location",
                        "a map of no points");
    for (size_t i = 0; i < n; i++)
        if (!(fabs(pts[i].lat) <= 90) || !(fabs(pts[i].lon) <= 180))
            return sg_error(d, NULL, (sg_mark){ 0, 0 },
                            "latitude -90 to 90, longitude -180 to 180, "
                            "in decimal degrees",
                            "a map point off the globe: lat %g, lon %g",
                            pts[i].lat, pts[i].lon);
    if (!(f->width <= SG_MAP_MAX_SIZE) || !(f->height <= SG_MAP_MAX_SIZE) ||
        !(f->margin >= 0) || !(f->width - 2 * f->margin > 0) ||
        !(f->height - 2 * f->margin > 0))
        return sg_error(d, NULL, (sg_mark){ 0, 0 },
                        "width and height must exceed twice the margin, "
                        "and be at most 100000",
                        "a map frame of %g x %g with margin %g has no room",
                        f->width, f->height, f->margin);
    if (!(f->min_km >= 0 && f->min_km <= 2 * M_PI * SG_EARTH_KM))
        return sg_error(d, NULL, (sg_mark){ 0, 0 },
                        "0 (the default) up to the Earth's circumference",
                        "a map's minimum extent of %g km", f->min_km);
    sg_proj_init(p, sg_map_centre(pts, n));
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        sg_xy q = sg_proj_point(p, pts[i]);    /* unit scale, y up */
        x0 = fmin(x0, q.x); x1 = fmax(x1, q.x);
        y0 = fmin(y0, -q.y); y1 = fmax(y1, -q.y);
    }
    double min_u = (f->min_km > 0 ? f->min_km : SG_MAP_MIN_KM) / SG_EARTH_KM;
    double w = fmax(x1 - x0, min_u), h = fmax(y1 - y0, min_u);
    double s = fmin((f->width - 2 * f->margin) / w,
                    (f->height - 2 * f->margin) / h);
    p->scale = s;
    p->width = f->width;
    p->height = f->height;
    p->x0 = f->width / 2 - s * (x0 + x1) / 2;
    p->y0 = f->height / 2 + s * (y0 + y1) / 2;
    if (xy)
        for (size_t i = 0; i < n; i++)
            xy[i] = sg_proj_point(p, pts[i]);
    return 0;
}

/* ---- outlines ---- */

/* Point arrays kept in sg_bufs (reused for every ring). */
static void S_push(sg_buf *b, double x, double y)
{
    sg_xy q = { x, y };
    sg_buf_put(b, &q, sizeof q);
}
#define NPTS(b) ((b)->len / sizeof(sg_xy))
#define PTS(b) ((sg_xy *)(void *)(b)->ptr)

typedef struct view {
    const sg_proj *p;
    double cos_view;     /* the cap the viewport shows: cos of its radius */
    double rcap;         /* drawn faithfully within this (Earth radii) */
    double box[4];       /* the clip rectangle: x0 y0 x1 y1 */
    double antipode[2];  /* in hundredths of a degree */
    sg_buf a, b;         /* scratch */
    sg_buf path;         /* the current country's d attribute */
} view;

/* Where the last point of a ring being projected was. */
typedef struct trail {
    bool have, out;     /* a point before; was it beyond the cap? */
    double X, Y;        /* its projection, unit sphere */
    double cX, cY;      /* what was drawn for it (on the circle if out) */
} trail;

static void S_put(view *V, double X, double Y)
{
    S_push(&V->a, V->p->x0 + V->p->scale * X, V->p->y0 - V->p->scale * Y);
}

/* Along the cap's circle from angle t0 to t1 the short way, neither end
 * included. */
static void S_arc(view *V, double t0, double t1)
{
    double dt = t1 - t0, R = V->rcap;
    while (dt > M_PI) dt -= 2 * M_PI;
    while (dt < -M_PI) dt += 2 * M_PI;
    int steps = (int)ceil(fabs(dt) / ARC_STEP);
    for (int i = 1; i < steps; i++) {
        double t = t0 + dt * i / steps;
        S_put(V, R * cos(t), R * sin(t));
    }
}

/* Where the straight segment P-Q crosses the cap's circle (P and Q on
 * either side of it): |P + t (Q - P)| = R for t in [0, 1]. */
static void S_cross(double R, double px, double py, double qx, double qy,
                    bool leaving, double *cx, double *cy)
{
    double dx = qx - px, dy = qy - py;
    double A = dx * dx + dy * dy, B = 2 * (px * dx + py * dy);
    double C = px * px + py * py - R * R, disc = B * B - 4 * A * C;
    double t = A > 0 && disc >= 0
        ? (leaving ? -B + sqrt(disc) : -B - sqrt(disc)) / (2 * A) : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    *cx = px + t * dx;
    *cy = py + t * dy;
    double l = hypot(*cx, *cy);
    if (l > 0) {
        *cx *= R / l;
        *cy *= R / l;
    }
}

/* Appends the point of unit vector v: projected within the cap; beyond
 * it, moved out along its direction onto the cap's circle, which the
 * outline then follows until it comes back in. */
static void S_add(view *V, trail *T, const double v[3])
{
    double X, Y, R = V->rcap;
    S_raw(V->p, v, &X, &Y);
    bool out = X * X + Y * Y > R * R;
    double qx = X, qy = Y;
    if (out) {
        double l = hypot(X, Y);
        qx = l > 0 ? X * R / l : 0;
        qy = l > 0 ? Y * R / l : -R;
    }
    if (T->have && out != T->out) {
        double cx, cy;
        S_cross(R, T->X, T->Y, X, Y, out, &cx, &cy);
        if (T->out)
            S_arc(V, atan2(T->cY, T->cX), atan2(cy, cx));
        S_put(V, cx, cy);
        if (out)
            S_arc(V, atan2(cy, cx), atan2(qy, qx));
    } else if (T->have && out) {
        S_arc(V, atan2(T->cY, T->cX), atan2(qy, qx));
    }
    S_put(V, qx, qy);
    T->have = true;
    T->out = out;
    T->X = X;
    T->Y = Y;
    T->cX = qx;
    T->cY = qy;
}

/* Sutherland-Hodgman against one side of the clip box: keeps points
 * where sign * (coord - edge) >= 0. */
static void S_clip_side(const sg_buf *in, sg_buf *out, int axis, double edge,
                        double sign)
{
    sg_buf_reset(out);
    size_t n = NPTS(in);
    const sg_xy *q = PTS(in);
    for (size_t i = 0; i < n; i++) {
        sg_xy a = q[(i + n - 1) % n], b = q[i];
        double da = sign * ((axis ? a.y : a.x) - edge);
        double db = sign * ((axis ? b.y : b.x) - edge);
        if ((da >= 0) != (db >= 0)) {
            double t = da / (da - db);
            S_push(out, a.x + t * (b.x - a.x), a.y + t * (b.y - a.y));
        }
        if (db >= 0)
            S_push(out, b.x, b.y);
    }
}

/* V->a clipped to the clip box, in V->a. */
static void S_clip(view *V)
{
    S_clip_side(&V->a, &V->b, 0, V->box[0], 1);
    S_clip_side(&V->b, &V->a, 0, V->box[2], -1);
    S_clip_side(&V->a, &V->b, 1, V->box[1], 1);
    S_clip_side(&V->b, &V->a, 1, V->box[3], -1);
}

static void S_num(sg_buf *b, long long v, bool after_letter)
{
    if (v >= 0 && !after_letter)
        sg_buf_putc(b, ' ');
    sg_buf_printf(b, "%lld", v);
}

/* Writes V->a's polygon, rounded to whole units, as one subpath:
 * repeated and collinear points dropped; nothing when under 3 remain. */
static void S_emit(view *V)
{
    size_t n = NPTS(&V->a);
    const sg_xy *q = PTS(&V->a);
    sg_buf_reset(&V->b);   /* rounded points as long longs: x, y */
    long long *r = NULL;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        long long x = llround(q[i].x), y = llround(q[i].y);
        sg_buf_put(&V->b, &x, sizeof x);
        sg_buf_put(&V->b, &y, sizeof y);
    }
    r = (long long *)(void *)V->b.ptr;
    /* in place: a stack of kept points, where a point in line with
     * the two before it replaces the one before */
    for (size_t i = 0; i < n; i++) {
        long long x = r[2 * i], y = r[2 * i + 1];
        while (m >= 2 && (r[2 * m - 2] - r[2 * m - 4]) * (y - r[2 * m - 3]) -
                         (r[2 * m - 1] - r[2 * m - 3]) * (x - r[2 * m - 4]) == 0)
            m--;
        if (m > 0 && r[2 * m - 2] == x && r[2 * m - 1] == y)
            continue;
        r[2 * m] = x;
        r[2 * m + 1] = y;
        m++;
    }
    /* the join of the last point to the first */
    size_t s = 0;
    for (bool changed = true; changed && m - s >= 3;) {
        changed = false;
        long long *a = &r[2 * (m - 2)], *b = &r[2 * (m - 1)], *c = &r[2 * s];
        if ((b[0] == c[0] && b[1] == c[1]) ||
            (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]) == 0) {
            m--;
            changed = true;
            continue;
        }
        long long *e = &r[2 * (s + 1)];
        if ((c[0] - b[0]) * (e[1] - b[1]) - (c[1] - b[1]) * (e[0] - b[0]) == 0) {
            s++;
            changed = true;
        }
    }
    if (m - s < 3)
        return;
    sg_buf_printf(&V->path, "M%lld", r[2 * s]);
    S_num(&V->path, r[2 * s + 1], false);
    sg_buf_putc(&V->path, 'l');
    for (size_t i = s + 1; i < m; i++) {
        S_num(&V->path, r[2 * i] - r[2 * i - 2], i == s + 1);
        S_num(&V->path, r[2 * i + 1] - r[2 * i - 1], false);
    }
    sg_buf_putc(&V->path, 'z');
}

static void S_ring_path(view *V, const sg_ring *r)
{
    const sg_proj *p = V->p;
    if (V->cos_view > -1 && r->cap_cos > -1 &&
        acos(fmin(1, S_dot(p->u, r->cap))) - acos(r->cap_cos) >
            acos(V->cos_view) + 1e-9)
        return;   /* wholly out of sight */
    sg_buf_reset(&V->a);
    trail T = { 0 };
    for (size_t i = 0; i < r->n; i++) {
        S_add(V, &T, r->v + 3 * i);
        /* a long edge (a straight border along a parallel) is split so
         * that it curves as the projection curves it */
        size_t j = (i + 1) % r->n;
        long dx = r->ll[2 * j] - r->ll[2 * i], dy = r->ll[2 * j + 1] - r->ll[2 * i + 1];
        long len = labs(dx) > labs(dy) ? labs(dx) : labs(dy);
        for (long k = 1; len > MAX_EDGE && k * MAX_EDGE < len; k++) {
            double t = (double)k * MAX_EDGE / (double)len, v[3];
            S_unit((r->ll[2 * i] + t * dx) / 100.0,
                   (r->ll[2 * i + 1] + t * dy) / 100.0, v);
            S_add(V, &T, v);
        }
    }
    /* the way back to the first point (which is there: drop its copy) */
    S_add(V, &T, r->v);
    sg_buf_truncate(&V->a, V->a.len - sizeof(sg_xy));
    S_clip(V);
    bool around = S_in_ring(r, V->antipode[0], V->antipode[1]);
    if (NPTS(&V->a) >= 3)
        S_emit(V);
    if (around) {   /* the turn round the cap circle, taken away */
        sg_buf_reset(&V->a);
        for (int i = 0; i < 36; i++)
            S_put(V, V->rcap * cos(i * ARC_STEP), V->rcap * sin(i * ARC_STEP));
        S_clip(V);
        if (NPTS(&V->a) >= 3)
            S_emit(V);
    }
}

static void S_svg(sg_buf *out, const sg_basemap *m, const sg_proj *p,
                  const unsigned char *hl)
{
    view V = { .p = p, .a = SG_BUF_INIT, .b = SG_BUF_INIT,
               .path = SG_BUF_INIT };
    V.box[0] = -PAD;
    V.box[1] = -PAD;
    V.box[2] = p->width + PAD;
    V.box[3] = p->height + PAD;
    /* how far from the centre the viewport reaches, in Earth radii */
    double rho = 0;
    for (int i = 0; i < 4; i++) {
        double x = V.box[i & 1 ? 2 : 0] - p->x0;
        double y = V.box[i & 2 ? 3 : 1] - p->y0;
        rho = fmax(rho, hypot(x, y) / p->scale);
    }
    V.cos_view = rho >= 2 ? -1 : 1 - rho * rho / 2;
    V.rcap = fmin(fmax(rho / cos(ARC_STEP / 2) * 1.001, 1.9), 1.98);
    double alon = p->centre.lon + 180;
    if (alon > 180)
        alon -= 360;
    V.antipode[0] = alon * 100;
    V.antipode[1] = -p->centre.lat * 100;
    for (size_t i = 0; i < m->n; i++) {
        const sg_country *c = &m->countries[i];
        if (V.cos_view > -1 && c->cap_cos > -1 &&
            acos(fmin(1, S_dot(p->u, c->cap))) - acos(c->cap_cos) >
                acos(V.cos_view) + 1e-9)
            continue;
        sg_buf_reset(&V.path);
        for (size_t j = 0; j < c->nrings; j++)
            S_ring_path(&V, &c->rings[j]);
        if (V.path.len == 0)
            continue;
        sg_buf_puts(out, hl && hl[i] ? "<path class=\"map-country map-hl\""
                                     : "<path class=\"map-country\"");
        if (c->code[0])
            sg_buf_printf(out, " data-code=\"%s\"", c->code);
        sg_buf_puts(out, " d=\"");
        sg_buf_put(out, V.path.ptr, V.path.len);
        sg_buf_puts(out, "\"/>\n");
    }
    sg_buf_free(&V.a);
    sg_buf_free(&V.b);
    sg_buf_free(&V.path);
}

void sg_map_svg_countries(sg_buf *out, const sg_basemap *m, const sg_proj *p,
                          const char *const *hl, size_t nhl)
{
    sg_buf flags = SG_BUF_INIT;
    sg_buf_grow(&flags, m->n);
    memset(flags.ptr, 0, m->n);
    for (size_t i = 0; i < m->n; i++)
        for (size_t k = 0; k < nhl && hl; k++)
            if (hl[k] && m->countries[i].code[0] &&
                strcmp(hl[k], m->countries[i].code) == 0)
                flags.ptr[i] = 1;
    S_svg(out, m, p, (const unsigned char *)flags.ptr);
    sg_buf_free(&flags);
}

int sg_map_locator(sg_buf *out, const sg_basemap *m, const sg_map_frame *f,
                   const sg_lonlat *pts, size_t n, const char *const *hl,
                   size_t nhl, sg_proj *p, sg_xy *xy, sg_diags *d)
{
    if (sg_map_fit(p, f, pts, n, xy, d) < 0)
        return -1;
    if (hl) {
        sg_map_svg_countries(out, m, p, hl, nhl);
        return 0;
    }
    sg_buf flags = SG_BUF_INIT;
    sg_buf_grow(&flags, m->n);
    memset(flags.ptr, 0, m->n);
    for (size_t i = 0; i < n; i++) {
        const sg_country *c = sg_basemap_locate(m, pts[i], 25);
        if (c)
            flags.ptr[c - m->countries] = 1;
    }
    S_svg(out, m, p, (const unsigned char *)flags.ptr);
    sg_buf_free(&flags);
    return 0;
}
