#include "sim/cluster.h"

#include <stdlib.h>
#include <string.h>

struct named {
	const char *name;
	uint32_t index;
};

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct named *)a)->name, ((const struct named *)b)->name);
}

/* Checks names are unique (sorting the indices by name into order[]) and fills the totals. */
static int check_nodes(struct cluster *c, uint32_t *order, struct error *err)
{
	struct named *named = malloc((c->n ? c->n : 1) * sizeof *named);
	if (!named)
		return error_set(err, "out of memory");
	for (size_t i = 0; i < c->n; i++)
		named[i] = (struct named){c->spec[i].name, (uint32_t)i};
	qsort(named, c->n, sizeof *named, by_name);
	for (size_t i = 0; i < c->n; i++)
		order[i] = named[i].index;
	free(named);
	for (size_t i = 1; i < c->n; i++) {
		const struct node_spec *a = &c->spec[order[i - 1]], *b = &c->spec[order[i]];
		if (strcmp(a->name, b->name) == 0)
			return error_at(err, b->file, b->line, 1, "Node %s: duplicate node name (also at %s:%zu)", b->name,
					a->file, a->line);
	}
	for (size_t i = 0; i < c->n; i++) {
		const struct node_spec *n = &c->spec[i];
		if (__builtin_add_overflow(c->total_cpu, n->cpu_milli, &c->total_cpu) ||
		    __builtin_add_overflow(c->total_mem, n->mem_bytes, &c->total_mem) ||
		    __builtin_add_overflow(c->total_gpus, n->gpu_count, &c->total_gpus))
			return error_at(err, n->file, n->line, 1,
					"Node %s: the cluster's total CPU, memory or GPUs passes 2^63 with this node", n->name);
	}
	c->total_gpu_milli = (int64_t)c->total_gpus * GPU_MILLI;
	return 0;
}

static void refit(struct cluster *c, size_t node)
{
	const struct node_spec *n = &c->spec[node];
	const struct node_state *s = &c->state[node];
	struct node_fit *f = &c->fit[node];
	f->cpu_left = n->cpu_milli - s->cpu_used;
	f->mem_left = n->mem_bytes - s->mem_used;
	f->slots_left = n->max_pods - s->pods;
	f->largest_gpu_left = 0;
	f->idle_gpus = 0;
	for (int g = 0; g < n->gpu_count; g++) {
		f->largest_gpu_left = s->gpu_left[g] > f->largest_gpu_left ? s->gpu_left[g] : f->largest_gpu_left;
		f->idle_gpus += s->gpu_left[g] == GPU_MILLI;
	}
	f->model = n->gpu_count && n->model >= 0 && n->model < 128 ? (int8_t)n->model : -1;
}

int cluster_init(struct cluster *c, const struct workload *w, uint64_t tie_seed, struct error *err)
{
	memset(c, 0, sizeof *c);
	c->w = w;
	c->spec = w->nodes;
	c->n = w->n_nodes;
	c->state = calloc(c->n ? c->n : 1, sizeof *c->state);
	c->fit = calloc(c->n ? c->n : 1, sizeof *c->fit);
	c->tie_rank = calloc(c->n ? c->n : 1, sizeof *c->tie_rank);
	uint32_t *order = calloc(c->n ? c->n : 1, sizeof *order);
	if (!c->state || !c->fit || !c->tie_rank || !order) {
		free(order);
		cluster_release(c);
		return error_set(err, "out of memory for %zu nodes", w->n_nodes);
	}
	if (check_nodes(c, order, err)) {
		free(order);
		cluster_release(c);
		return -1;
	}
	/* Ranks follow the reference: nodes sorted by name get a shuffled prefix, so ties break at seeded random. */
	struct pcg32 rng;
	pcg32_seed(&rng, tie_seed, RNG_TIEBREAK);
	for (size_t i = 0; i < c->n; i++)
		c->tie_rank[order[i]] = (uint32_t)i;
	for (size_t i = c->n; i > 1; i--) {
		size_t j = pcg32_below(&rng, (uint32_t)i);
		uint32_t t = c->tie_rank[order[i - 1]];
		c->tie_rank[order[i - 1]] = c->tie_rank[order[j]];
		c->tie_rank[order[j]] = t;
	}
	free(order);
	for (size_t i = 0; i < c->n; i++) {
		struct node_state *s = &c->state[i];
		for (int g = 0; g < c->spec[i].gpu_count; g++)
			s->gpu_left[g] = GPU_MILLI;
		s->gpu_left_total = c->spec[i].gpu_count * GPU_MILLI;
		refit(c, i);
	}
	return 0;
}

void cluster_release(struct cluster *c)
{
	free(c->state);
	free(c->fit);
	free(c->tie_rank);
	memset(c, 0, sizeof *c);
}

bool gpu_model_ok(const struct node_spec *n, const struct pod_spec *p)
{
	if (p->gpu_count == 0)
		return true;
	if (n->gpu_count == 0)
		return false;
	return !p->model_mask || (n->model >= 0 && (p->model_mask >> n->model & 1));
}

static bool selector_ok(const struct node_spec *n, const struct pod_spec *p)
{
	for (size_t i = 0; i < p->n_selector; i++) {
		bool found = false;
		for (size_t j = 0; j < n->n_labels && !found; j++)
			found = !strcmp(n->labels[j].key, p->selector[i].key) &&
				!strcmp(n->labels[j].value, p->selector[i].value);
		if (!found)
			return false;
	}
	return true;
}

static bool gpus_fit(const struct node_spec *n, const struct node_state *s, const struct pod_spec *p)
{
	if (p->gpu_count == 0)
		return true;
	if (!gpu_model_ok(n, p))
		return false;
	if (p->gpu_index) {
		for (int g = 0; g < MAX_GPUS_PER_NODE; g++)
			if ((p->gpu_index >> g & 1) && (g >= n->gpu_count || s->gpu_left[g] < p->gpu_milli))
				return false;
		return true;
	}
	int fitting = 0;
	for (int g = 0; g < n->gpu_count; g++)
		fitting += s->gpu_left[g] >= p->gpu_milli;
	return fitting >= p->gpu_count;
}

bool cluster_fits(const struct cluster *c, size_t node, const struct pod_spec *p)
{
	const struct node_fit *f = &c->fit[node];
	if (f->slots_left < 1 || p->cpu_milli > f->cpu_left || p->mem_bytes > f->mem_left)
		return false;
	/* Selectors, pinned devices, a model list on a node without a model, and (never loaded, but
	 * possible) a shared request over several GPUs take the full check. */
	if (p->n_selector || p->gpu_index || (p->model_mask && f->model < 0 && p->gpu_count) ||
	    (p->gpu_count > 1 && p->gpu_milli < GPU_MILLI))
		return selector_ok(&c->spec[node], p) && gpus_fit(&c->spec[node], &c->state[node], p);
	if (p->gpu_count == 0)
		return true;
	if (f->model < 0 && c->spec[node].gpu_count == 0)
		return false;
	if (p->model_mask && !(p->model_mask >> f->model & 1))
		return false;
	/* Shared pods need one GPU with enough idle milli; whole-GPU pods that many idle GPUs. */
	return p->gpu_milli < GPU_MILLI ? f->largest_gpu_left >= p->gpu_milli : f->idle_gpus >= p->gpu_count;
}

uint32_t whole_gpus_lowest(const int16_t *gpu_left, int n_gpus, int count)
{
	uint32_t mask = 0;
	for (int g = 0; g < n_gpus && count > 0; g++)
		if (gpu_left[g] == GPU_MILLI) {
			mask |= 1u << g;
			count--;
		}
	return count > 0 ? 0 : mask;
}

static int shared_gpu(const struct node_spec *n, const struct node_state *s, int milli, enum gpu_sel sel,
		      struct pcg32 *rng)
{
	int chosen = -1, seen = 0;
	for (int g = 0; g < n->gpu_count; g++) {
		int left = s->gpu_left[g];
		if (left < milli)
			continue;
		if (sel == GPU_SEL_RANDOM) {
			if (pcg32_below(rng, (uint32_t)++seen) == 0)
				chosen = g;
		} else if (chosen < 0 || (sel == GPU_SEL_WORST ? left > s->gpu_left[chosen] : left < s->gpu_left[chosen])) {
			chosen = g;
		}
	}
	return chosen;
}

uint32_t cluster_pick_gpus(const struct cluster *c, size_t node, const struct pod_spec *p, enum gpu_sel sel,
			   struct pcg32 *rng)
{
	if (p->gpu_count == 0)
		return 0;
	if (p->gpu_index)
		return p->gpu_index;
	const struct node_spec *n = &c->spec[node];
	const struct node_state *s = &c->state[node];
	if (p->gpu_milli == GPU_MILLI)
		return whole_gpus_lowest(s->gpu_left, n->gpu_count, p->gpu_count);
	int g = shared_gpu(n, s, p->gpu_milli, sel == GPU_SEL_PLUGIN ? GPU_SEL_BEST : sel, rng);
	return g < 0 ? 0 : 1u << g;
}

void cluster_rack_totals(const struct cluster *c, struct rack_stats *racks)
{
	for (size_t r = 0; r < c->w->n_racks; r++)
		racks[r] = (struct rack_stats){.name = c->w->racks[r]};
	for (size_t i = 0; i < c->n; i++) {
		if (c->spec[i].rack < 0)
			continue;
		struct rack_stats *s = &racks[c->spec[i].rack];
		s->nodes++;
		s->gpus += c->spec[i].gpu_count;
		s->pods += c->state[i].pods;
		s->gpu_used_milli += node_gpu_used_milli(c, i);
		s->cpu_milli += c->spec[i].cpu_milli;
		s->cpu_used_milli += c->state[i].cpu_used;
	}
}

static void account(struct cluster *c, size_t node, const struct pod_spec *p, uint32_t gpus, int sign)
{
	struct node_state *s = &c->state[node];
	s->cpu_used += sign * p->cpu_milli;
	s->mem_used += sign * p->mem_bytes;
	s->pods += sign;
	s->version++;
	int shape = pod_gpu_shape(p);
	if (shape >= 0 && shape < N_GPU_SHAPES)
		s->shape_pods[shape] = (uint16_t)(s->shape_pods[shape] + sign);
	c->used_cpu += sign * p->cpu_milli;
	c->used_mem += sign * p->mem_bytes;
	for (int g = 0; g < MAX_GPUS_PER_NODE; g++) {
		if (!(gpus >> g & 1))
			continue;
		s->gpu_left[g] = (int16_t)(s->gpu_left[g] - sign * p->gpu_milli);
		s->gpu_left_total -= sign * p->gpu_milli;
		c->used_gpu_milli += sign * p->gpu_milli;
	}
	refit(c, node);
}

void cluster_bind(struct cluster *c, size_t node, const struct pod_spec *p, uint32_t gpus)
{
	account(c, node, p, gpus, 1);
}

void cluster_unbind(struct cluster *c, size_t node, const struct pod_spec *p, uint32_t gpus)
{
	account(c, node, p, gpus, -1);
}
