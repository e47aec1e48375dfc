#include "sim/offered_load.h"
#include "sim/util/order.h"

#include <math.h>
#include <stdlib.h>

/* Each pod's trace times, to compress from afresh. */
struct times {
	int64_t creation, scheduled, deletion;
};

/* The measuring window and the fixed point of compression (the first arrival). */
struct window {
	int64_t origin, lo, hi;
};

/* The window of the arrivals' times; lo == hi when they span no time.  -1: out of memory. */
static int window_of(const struct arrivals *a, struct window *w)
{
	*w = (struct window){0, 0, 0};
	int64_t *t = malloc((a->n ? a->n : 1) * sizeof *t);
	if (!t)
		return -1;
	size_t n = 0;
	for (size_t i = 0; i < a->n; i++)
		if (a->pods[i].creation != TIME_NONE)
			t[n++] = a->pods[i].creation;
	if (n) {
		sort_items(t, n, sizeof *t, order_int64);
		*w = (struct window){t[0], t[n / 100], t[n - 1 - n / 100]};
	}
	free(t);
	return 0;
}

static int64_t compressed(int64_t t, int64_t origin, double k)
{
	return t == TIME_NONE ? t : origin + llround((double)(t - origin) / k);
}

static double offered(const struct arrivals *a, int64_t lo, int64_t hi, int64_t gpu_milli)
{
	if (hi <= lo || gpu_milli == 0)
		return 0;
	double work = 0;
	for (size_t i = 0; i < a->n; i++) {
		const struct pod_spec *p = &a->pods[i];
		int64_t begin = pod_start(p), end = p->deletion != TIME_NONE && p->deletion < hi ? p->deletion : hi;
		begin = begin == TIME_NONE || begin < lo ? lo : begin;
		if (end > begin)
			work += (double)pod_gpu_total(p) * (double)(end - begin);
	}
	return 100.0 * work / ((double)gpu_milli * (double)(hi - lo));
}

/* Sets the pods' times to the trace's compressed by k; the load that offers. */
static double compress(struct arrivals *a, const struct times *t, const struct window *w, double k,
		       int64_t gpu_milli)
{
	for (size_t i = 0; i < a->n; i++) {
		struct pod_spec *p = &a->pods[i];
		p->creation = compressed(t[i].creation, w->origin, k);
		p->scheduled = compressed(t[i].scheduled, w->origin, k);
		int64_t start = t[i].scheduled != TIME_NONE ? t[i].scheduled : t[i].creation;
		p->deletion = t[i].deletion != TIME_NONE && start != TIME_NONE ? pod_start(p) + (t[i].deletion - start)
										: t[i].deletion;
	}
	a->scale = k;
	a->offered_gpu_load_pct = offered(a, compressed(w->lo, w->origin, k), compressed(w->hi, w->origin, k), gpu_milli);
	return a->offered_gpu_load_pct;
}

/* The k whose load is target: the load grows with k until the arrivals crowd into the last
 * seconds (past k = the window's length they fall within one second, and whole seconds cannot
 * be denser), so the densest load is found on a grid of steps of 10%, and the target bisected
 * (geometrically) below it; an error when out of reach. */
static int bisect(struct arrivals *a, const struct times *t, const struct window *w, double target, int64_t gpu_milli,
		  struct error *err)
{
	double lo = 1e-6, hi = lo, most = 0, k_max = w->hi - w->lo > 1 ? (double)(w->hi - w->lo) : 1;
	for (double k = lo; k <= 2 * k_max; k *= 1.1) {
		double load = compress(a, t, w, k, gpu_milli);
		if (load > most) {
			most = load;
			hi = k;
		}
	}
	double least = compress(a, t, w, lo, gpu_milli);
	if (target < least || target > most)
		return error_set(err, "--target-load %g: these arrivals offer from %.3g%% to %.3g%% of the GPUs", target,
				 least, most);
	for (int step = 0; step < 200 && hi / lo > 1 + 1e-12; step++) {
		double mid = sqrt(lo * hi);
		*(compress(a, t, w, mid, gpu_milli) < target ? &lo : &hi) = mid;
	}
	compress(a, t, w, hi, gpu_milli);
	return 0;
}

int replay_load(struct arrivals *a, double scale, double target_pct, int64_t cluster_gpu_milli, struct error *err)
{
	struct window w;
	struct times *t = malloc((a->n ? a->n : 1) * sizeof *t);
	if (!t || window_of(a, &w)) {
		free(t);
		return error_set(err, "out of memory");
	}
	for (size_t i = 0; i < a->n; i++)
		t[i] = (struct times){a->pods[i].creation, a->pods[i].scheduled, a->pods[i].deletion};
	int rc = 0;
	if (scale > 0 && !(scale >= MIN_ARRIVAL_SCALE && scale <= MAX_ARRIVAL_SCALE))
		rc = error_set(err, "arrival scale %g: expected %g to %g", scale, MIN_ARRIVAL_SCALE, MAX_ARRIVAL_SCALE);
	else if (target_pct > 0 && !(target_pct >= MIN_TARGET_LOAD && target_pct <= MAX_TARGET_LOAD))
		rc = error_set(err, "target load %g%%: expected %g to %g", target_pct, MIN_TARGET_LOAD, MAX_TARGET_LOAD);
	else if (target_pct > 0 && w.hi <= w.lo)
		rc = error_set(err, "--target-load: the arrivals span no time, so no density offers a load");
	else if (target_pct > 0)
		rc = bisect(a, t, &w, target_pct, cluster_gpu_milli, err);
	else
		compress(a, t, &w, scale > 0 ? scale : 1, cluster_gpu_milli);
	free(t);
	return rc;
}
