/* report.h — what a run tells its user.
 *
 * A report is a read-only view of a finished run (simulation_report).  report_print writes
 * the terminal summary; report_files is the table of files `simon apply -o DIR` writes
 * (summary.json, CSVs, report.svg), each with the condition it is written under.  All are
 * O(nodes + pods + curve points).
 */
#ifndef SIMON_REPORT_H
#define SIMON_REPORT_H

#include <stdio.h>

#include "sim/report/provenance.h"
#include "sim/simulation.h"
#include "sim/util/outdir.h"

struct report {
	const char *policy;
	const char *gpu_sel;
	uint64_t seed;
	const struct cluster *cluster;
	const struct filter_chain *filters;  /* the run's, as it ended: FitError's reasons */
	const struct metrics *metrics;
	const struct typical_pods *typical;
	const struct arrivals *arrivals;
	const struct run_result *result;
	const struct topology_summary *topology;  /* NULL when the nodes carry no rack labels */
	const struct later_steps *later;          /* NULL when nothing followed the first schedule */
	size_t original_pods;
	double seconds;
	const struct provenance *provenance;      /* NULL: none recorded */
};

/* The report view of a finished run. */
struct report simulation_report(const struct simulation *s);
void report_print(FILE *out, const struct report *r);

/* The files of a run; output_write_all(out, report_files, n_report_files, &report, err). */
extern const struct output_file report_files[];
extern const size_t n_report_files;

#endif
