/* gantt.h — a replay's pipeline pods as bars over time, one row per node that ran any (the
 * picture report.svg adds below its curves when the workload has pipelines).  Bars are coloured
 * by pipeline and carry a tooltip: pod, pipeline, node, start and end.  At most 60 rows, the
 * nodes in node order; the rest are counted in a note.  O(pods + nodes).
 */
#ifndef SIMON_GANTT_H
#define SIMON_GANTT_H

#include <stdio.h>

#include "sim/report/report.h"

/* The height the chart takes for the run, 0 when it has no pipeline pod that ran. */
int gantt_height(const struct report *r);
/* Draws it as an SVG group at vertical offset y. */
void gantt_draw(FILE *f, const struct report *r, int y);

#endif
