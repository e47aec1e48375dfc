/* writers.h — inside sim/report/: the writers of report_files (report.c's table), one per
 * output file, each in the file of its format. */
#ifndef SIMON_REPORT_WRITERS_H
#define SIMON_REPORT_WRITERS_H

#include "sim/report/report.h"
#include "sim/util/outdir.h"

#define MIB (1024.0 * 1024.0)

/* GPU indices as the reference's gpu-index annotation writes them: "0-1-3" (csv.c). */
void write_gpu_indices(FILE *f, uint32_t gpus);

/* Each takes the run's `const struct report *` as data. */
int report_write_summary(FILE *f, struct output_set *out, const void *data, struct error *err);  /* summary.c */
int report_write_curve(FILE *f, struct output_set *out, const void *data, struct error *err);    /* csv.c */
int report_write_timeline(FILE *f, struct output_set *out, const void *data, struct error *err);
int report_write_nodes(FILE *f, struct output_set *out, const void *data, struct error *err);
int report_write_racks(FILE *f, struct output_set *out, const void *data, struct error *err);
int report_write_pods(FILE *f, struct output_set *out, const void *data, struct error *err);
int report_write_pipelines(FILE *f, struct output_set *out, const void *data, struct error *err);
int report_write_svg(FILE *f, struct output_set *out, const void *data, struct error *err);      /* svg.c */

#endif
