#include "sim/report/gantt.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "sim/load/dag.h"
#include "sim/report/svg_chart.h"

#define MAX_ROWS 60
#define ROW 14
#define LEFT 110
#define TOP 40
#define BOTTOM 40

static bool ran(const struct report *r, size_t i)
{
	const struct pod_outcome *o = &r->result->outcomes[i];
	return pod_pipeline(&r->arrivals->pods[i]) && o->node >= 0 && o->start != TIME_NONE && o->end != TIME_NONE;
}

/* The row of each node that ran a pipeline pod (-1 for none), in node order; the rows. */
static size_t rows_of(const struct report *r, int32_t *row)
{
	for (size_t k = 0; k < r->cluster->n; k++)
		row[k] = -1;
	for (size_t i = 0; i < r->arrivals->n; i++)
		if (ran(r, i))
			row[r->result->outcomes[i].node] = 0;
	size_t n = 0;
	for (size_t k = 0; k < r->cluster->n; k++)
		if (row[k] == 0)
			row[k] = (int32_t)n++;
	return n;
}

int gantt_height(const struct report *r)
{
	int32_t *row = malloc((r->cluster->n ? r->cluster->n : 1) * sizeof *row);
	size_t n = row ? rows_of(r, row) : 0;
	free(row);
	if (n == 0)
		return 0;
	return TOP + ROW * (int)(n < MAX_ROWS ? n : MAX_ROWS) + BOTTOM;
}

void gantt_draw(FILE *f, const struct report *r, int y)
{
	int32_t *row = malloc((r->cluster->n ? r->cluster->n : 1) * sizeof *row);
	struct dag d;
	struct error err;
	if (!row || dag_build(&d, r->arrivals->pods, r->arrivals->n, &err)) {
		free(row);
		return;
	}
	size_t rows = rows_of(r, row), shown = rows < MAX_ROWS ? rows : MAX_ROWS;
	int64_t t0 = INT64_MAX, t1 = INT64_MIN;
	for (size_t i = 0; i < r->arrivals->n; i++)
		if (ran(r, i)) {
			t0 = r->result->outcomes[i].start < t0 ? r->result->outcomes[i].start : t0;
			t1 = r->result->outcomes[i].end > t1 ? r->result->outcomes[i].end : t1;
		}
	double span = t1 > t0 ? (double)(t1 - t0) : 1, width = CHART_WIDTH - LEFT - 20;
	fprintf(f, "<g transform=\"translate(0,%d)\">\n<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">"
		   "Pipeline pods on the nodes (%zu pipelines)</text>\n",
		y, LEFT, d.n_pipelines);
	for (size_t k = 0; k < r->cluster->n; k++)
		if (row[k] >= 0 && (size_t)row[k] < shown) {
			fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"10\">", LEFT - 6,
				TOP + ROW * row[k] + 10);
			xml_text(f, r->cluster->spec[k].name);
			fprintf(f, "</text>\n");
		}
	for (size_t i = 0; i < r->arrivals->n; i++) {
		const struct pod_outcome *o = &r->result->outcomes[i];
		if (!ran(r, i) || (size_t)row[o->node] >= shown)
			continue;
		double x = LEFT + width * (double)(o->start - t0) / span, w = width * (double)(o->end - o->start) / span;
		fprintf(f, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\" stroke=\"white\" "
			   "stroke-width=\"0.5\"><title>",
			x, TOP + ROW * row[o->node] + 1, w > 0.5 ? w : 0.5, ROW - 2,
			chart_color((size_t)(d.pipeline[i] >= 0 ? d.pipeline[i] : 0)));
		xml_text(f, r->arrivals->pods[i].name);
		fprintf(f, " (");
		xml_text(f, pod_pipeline(&r->arrivals->pods[i]));
		fprintf(f, ") on ");
		xml_text(f, r->cluster->spec[o->node].name);
		fprintf(f, ": %" PRId64 " to %" PRId64 " s</title></rect>\n", o->start, o->end);
	}
	int axis = TOP + ROW * (int)shown + 4;
	fprintf(f, "<line x1=\"%d\" x2=\"%.0f\" y1=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n", LEFT, LEFT + width, axis, axis);
	fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%" PRId64 " s</text>\n", LEFT, axis + 14, t0);
	fprintf(f, "<text x=\"%.0f\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%" PRId64 " s</text>\n", LEFT + width,
		axis + 14, t1);
	fprintf(f, "<text x=\"%.0f\" y=\"%d\" text-anchor=\"middle\">simulated time</text>\n", LEFT + width / 2,
		axis + 30);
	if (rows > shown)
		fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"10\">(%zu more nodes not drawn)</text>\n", LEFT, axis + 30,
			rows - shown);
	fprintf(f, "</g>\n");
	dag_release(&d);
	free(row);
}
