/* svg.c — one run as a picture (svg_chart.h).
 *
 * Inflation mode plots the paper's axes: GPU allocation and fragmentation against the
 * share of cluster GPU capacity that has arrived.  Replay mode plots allocation,
 * fragmentation and the waiting queue against simulated time, and with pipelines, below it,
 * their pods on the nodes over time (gantt.h).
 */
#include <inttypes.h>
#include <stdlib.h>

#include "sim/report/gantt.h"
#include "sim/report/svg_chart.h"
#include "sim/report/writers.h"

int report_write_svg(FILE *out, struct output_set *set, const void *data, struct error *err)
{
	(void)set;
	const struct report *r = data;
	const struct run_result *res = r->result;
	bool inflation = res->mode == MODE_INFLATION;
	size_t n = inflation ? res->n_curve : res->n_timeline;
	double *buf = calloc(4 * (n ? n : 1), sizeof *buf);
	if (!buf)
		return error_set(err, "out of memory drawing report.svg");
	double *x = buf, *alloc = buf + n, *frag = buf + 2 * n, *third = buf + 3 * n;
	int32_t most = 1;
	for (size_t i = 0; !inflation && i < n; i++)
		if (res->timeline[i].queued > most)
			most = res->timeline[i].queued;
	for (size_t i = 0; i < n; i++) {
		const struct metric_sample *m = inflation ? &res->curve[i].m : &res->timeline[i].m;
		x[i] = inflation ? res->curve[i].arrived_pct
				 : (double)(res->timeline[i].time - res->timeline[0].time) / 3600.0;
		alloc[i] = m->gpu_alloc_pct;
		frag[i] = m->frag_ratio_pct;
		third[i] = inflation ? m->frag_gpu_pct : 100.0 * res->timeline[i].queued / most;
	}
	char title[320], queued[64];
	snprintf(title, sizeof title, "%s%s (seed %" PRIu64 ")", r->policy, inflation ? "" : ", replay", r->seed);
	snprintf(queued, sizeof queued, "queued (100 = %d pods)", most);
	struct chart c = {.id = "run",
			  .title = title,
			  .xlabel = inflation ? "arrived workload (% of cluster GPU capacity)" : "simulated time (hours)",
			  .ylabel = "percent",
			  .ymax = 100,
			  .xmark = inflation ? 100 : 0,
			  .xmark_label = "100% arrived"};
	struct chart_series s[3] = {{"GPU allocated", x, alloc, n},
				    {"fragmentation ratio", x, frag, n},
				    {inflation ? "fragmented GPU" : queued, x, third, n}};
	int gantt = inflation ? 0 : gantt_height(r);
	if (gantt)
		fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
			     "font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%%\" height=\"100%%\" "
			     "fill=\"white\"/>\n",
			CHART_WIDTH, CHART_HEIGHT + gantt, CHART_WIDTH, CHART_HEIGHT + gantt);
	svg_line_chart(out, &c, s, 3);
	if (gantt) {
		gantt_draw(out, r, CHART_HEIGHT);
		fprintf(out, "</svg>\n");
	}
	free(buf);
	return 0;
}
