/* report.h — what a run tells its user (DESIGN.md §6).
 *
 * report_print: the terminal summary.  report_write: summary.json, curve.csv, nodes.csv,
 * pods.csv, timeline.csv (replay mode) and report.svg into a folder, all or nothing.
 */
#ifndef SIMON_REPORT_H
#define SIMON_REPORT_H

#include <stdio.h>

#include "sim/simulation.h"

struct report {
	const char *policy;
	const char *gpu_sel;
	uint64_t seed;
	const struct cluster *cluster;
	const struct metrics *metrics;
	const struct typical_pods *typical;
	const struct arrivals *arrivals;
	const struct run_result *result;
	const struct topology_summary *topology;  /* NULL when the nodes carry no rack labels */
	size_t original_pods;
	double seconds;
};

/* The report view of a finished run. */
struct report simulation_report(const struct simulation *s);
void report_print(FILE *out, const struct report *r);
int report_write(const char *outdir, const struct report *r, struct error *err);
/* The SVG picture of the run's curves (svg.c). */
void report_svg(FILE *out, const struct report *r);

#endif
