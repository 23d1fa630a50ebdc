/* map.h - static SVG maps: base geography, projection, fit, outlines.
 *
 * The base geography is gen/basemap.txt (Natural Earth countries, made
 * by tests/tools/mkbasemap.mjs; docs/map.md), built into the binary and
 * parsed once. A map is a Lambert azimuthal equal-area projection
 * centred on the points it shows, scaled to fit them into a viewport.
 * This module writes only the country outlines; the view layer places
 * the markers, links and text at the x, y that sg_map_fit returns.
 *
 * Everything here is deterministic and reads no global state but the
 * once-parsed built-in base map, so maps can be made on any thread.
 */
#ifndef SG_MAP_H
#define SG_MAP_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"

/* The authalic Earth radius: projected lengths are in Earth radii. */
#define SG_EARTH_KM 6371.0072

typedef struct sg_lonlat {
    double lon, lat;        /* degrees, east and north positive */
} sg_lonlat;

typedef struct sg_xy {
    double x, y;            /* viewport units, y downwards (as in SVG) */
} sg_xy;

/* A closed outline: an outer boundary or a hole (the even-odd rule
 * tells them apart). */
typedef struct sg_ring {
    size_t n;               /* points, >= 3; the last joins the first */
    const int32_t *ll;      /* n lon,lat pairs in hundredths of a degree */
    const double *v;        /* n x,y,z unit vectors of the same points */
    double cap[3];          /* a cap holding every point: its centre */
    double cap_cos;         /* and the cosine of its angular radius */
    int32_t box[4];         /* west, south, east, north, hundredths */
} sg_ring;

typedef struct sg_country {
    char code[3];           /* ISO 3166-1 alpha-2 (XK: Kosovo); "" if none */
    unsigned numeric;       /* ISO 3166-1 numeric; 0 if none */
    const char *name;       /* English, UTF-8 */
    size_t nrings;          /* >= 1 */
    const sg_ring *rings;
    double cap[3];          /* a cap holding all its rings, as above */
    double cap_cos;
} sg_country;

typedef struct sg_basemap {
    size_t n;               /* countries, in the file's order (by code) */
    const sg_country *countries;
    size_t points;          /* in all rings, for --verbose and tests */
} sg_basemap;

/* Parses basemap.txt text (the format is in the file's header) into
 * `a`; `file` names it in diagnostics. 0, or -1 with an error at the
 * line and column of the first fault. */
int sg_basemap_parse(sg_arena *a, const char *file, const char *text,
                     size_t len, const sg_basemap **out, sg_diags *d);
/* The built-in base map, parsed on the first call of any thread
 * (pthread_once) and shared, read-only, for the life of the process.
 * 0, or -1 with the parse's error copied into `d` (on every call). */
int sg_basemap_builtin(const sg_basemap **out, sg_diags *d);
/* The country with alpha-2 `code` (upper case), or NULL. */
const sg_country *sg_basemap_find(const sg_basemap *m, const char *code);
/* The country whose outline holds `p`; failing that (a coastal city
 * just off a simplified coast) the one with an outline point nearest
 * to it within `max_km`; NULL at sea. */
const sg_country *sg_basemap_locate(const sg_basemap *m, sg_lonlat p,
                                    double max_km);

/* A Lambert azimuthal equal-area projection, scaled and shifted into a
 * viewport: x = x0 + scale * X, y = y0 - scale * Y, where X, Y are the
 * projection of the unit sphere centred on `centre`. */
typedef struct sg_proj {
    sg_lonlat centre;
    double u[3], e[3], n[3];   /* the centre's unit vector, east, north */
    double scale;              /* viewport units per Earth radius */
    double x0, y0;             /* where the centre lands */
    double width, height;      /* the viewport: [0,width] x [0,height] */
} sg_proj;

/* What a map is fitted into. */
typedef struct sg_map_frame {
    double width, height;   /* viewport, SVG user units (outlines are
                             * written in whole units: choose the size
                             * for the detail wanted, then scale in CSS) */
    double margin;          /* kept clear of points on every side */
    double min_km;          /* shown at least this far across, both ways,
                             * so one point still shows its region;
                             * 0: SG_MAP_MIN_KM */
} sg_map_frame;

#define SG_MAP_MIN_KM 600.0
#define SG_MAP_MAX_SIZE 100000.0   /* width and height at most */

/* The centre of a set of points: the middle of their longitude and
 * latitude extents, the longitudes taken across the antimeridian when
 * that makes their span smaller (Fiji, Alaska and Kamchatka). */
sg_lonlat sg_map_centre(const sg_lonlat *pts, size_t n);
/* The projection centred on `centre` with unit scale at the origin
 * (x0 = y0 = 0, scale = 1, no viewport): for tests and measurements. */
void sg_proj_init(sg_proj *p, sg_lonlat centre);
/* Where `g` lands in the viewport. */
sg_xy sg_proj_point(const sg_proj *p, sg_lonlat g);

/* Fits `n` >= 1 points into `f`: centre from sg_map_centre, scale the
 * largest that keeps the points' projected box (grown to min_km each
 * way) inside the viewport less the margin, the box's middle at the
 * viewport's middle. Fills `p`, and `xy` (n items, or NULL) with the
 * points' places. -1 with an error for no points, a point that is not
 * a latitude and longitude, a frame with no room inside its margin or
 * larger than SG_MAP_MAX_SIZE, or a min_km beyond the globe's. */
int sg_map_fit(sg_proj *p, const sg_map_frame *f, const sg_lonlat *pts,
               size_t n, sg_xy *xy, sg_diags *d);

/* Appends one <path class="map-country" data-code="DK" d="..."/> per
 * country that shows in p's viewport, in the base map's order, outlines
 * clipped just outside the viewport, in whole units with relative moves
 * (drawn with fill-rule evenodd: set it in CSS or on a parent <g>).
 * Countries whose code is among the `nhl` codes of `hl` get the class
 * "map-country map-hl". Territories with no code get no data-code. */
void sg_map_svg_countries(sg_buf *out, const sg_basemap *m, const sg_proj *p,
                          const char *const *hl, size_t nhl);

/* A locator map: sg_map_fit of the points into `f` (give it a min_km of
 * some hundreds of km for context), then the outlines, highlighting the
 * `nhl` codes of `hl`, or when `hl` is NULL the countries the points
 * are in (sg_basemap_locate within 25 km): a cross-border case's
 * countries all show. Fills `p` and `xy` as sg_map_fit does. */
int sg_map_locator(sg_buf *out, const sg_basemap *m, const sg_map_frame *f,
                   const sg_lonlat *pts, size_t n, const char *const *hl,
                   size_t nhl, sg_proj *p, sg_xy *xy, sg_diags *d);

#endif
