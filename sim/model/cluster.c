#include "sim/model/cluster.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/load/placement_match.h"
#include "sim/util/vec.h"
#include "sim/util/order.h"

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
	sort_items(named, c->n, sizeof *named, by_name);
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
	for (size_t i = 0; i < c->n; i++) {
		const struct node_spec *n = &c->spec[i];
		for (uint32_t k = 0; k < n->n_scalars; k++) {
			int slot = n->scalars[k].slot;
			if (slot >= 0 && __builtin_add_overflow(c->total_scalar[slot], n->scalars[k].amount, &c->total_scalar[slot]))
				return error_at(err, n->file, n->line, 1, "Node %s: the cluster's total %s passes 2^63 with this node",
						n->name, n->scalars[k].name);
		}
	}
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

/* What tells nodes apart for good: their capacities, GPU model, the values of the labels some
 * pod's selector or node affinity reads (no filter or score reads others; every node has its
 * own hostname), their taints (in order: the first untolerated one names the reason) and
 * cordon, and the rack when asked. */
struct shape_rec {
	int64_t cpu, mem;
	int32_t max_pods, gpus, model, rack;
	const char **values;
	size_t n_values;
	const struct node_spec *spec;   /* for its scalar resources' allocatable */
	int n_slots;
	uint32_t node;
};

static int cmp_i64(int64_t a, int64_t b)
{
	return (a > b) - (a < b);
}

static int cmp_label_value(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int by_shape(const void *pa, const void *pb)
{
	const struct shape_rec *a = pa, *b = pb;
	int d = cmp_i64(a->cpu, b->cpu);
	d = d ? d : cmp_i64(a->mem, b->mem);
	d = d ? d : cmp_i64(a->max_pods, b->max_pods);
	d = d ? d : cmp_i64(a->gpus, b->gpus);
	d = d ? d : cmp_i64(a->model, b->model);
	d = d ? d : cmp_i64(a->rack, b->rack);
	d = d ? d : cmp_i64(a->spec->unschedulable, b->spec->unschedulable);
	d = d ? d : cmp_i64(a->spec->n_taints, b->spec->n_taints);
	for (uint32_t i = 0; !d && i < a->spec->n_taints; i++) {
		const struct taint *x = &a->spec->taints[i], *y = &b->spec->taints[i];
		d = strcmp(x->key, y->key);
		d = d ? d : strcmp(x->value, y->value);
		d = d ? d : cmp_i64(x->effect, y->effect);
	}
	for (size_t i = 0; !d && i < a->n_values; i++)
		d = cmp_label_value(a->values[i], b->values[i]);
	for (int k = 0; !d && k < a->n_slots; k++)
		d = cmp_i64(node_scalar(a->spec, k), node_scalar(b->spec, k));
	return d;
}

struct key_list {
	const char **keys;
	size_t n, cap;
	const char **many;   /* topology keys judged to have too many values to split shapes */
	size_t n_many, cap_many;
};

static bool listed(const char *const *keys, size_t n, const char *key)
{
	for (size_t k = 0; k < n; k++)
		if (strcmp(keys[k], key) == 0)
			return true;
	return false;
}

static int add_key(struct key_list *l, const char *key)
{
	if (listed(l->keys, l->n, key))
		return 0;
	if (VEC_RESERVE(l->keys, l->cap, l->n + 1))
		return -1;
	l->keys[l->n++] = key;
	return 0;
}

static int add_term_keys(struct key_list *l, const struct node_term *terms, uint32_t n)
{
	for (uint32_t t = 0; t < n; t++)
		for (uint32_t r = 0; r < terms[t].n_reqs; r++)
			if (!terms[t].reqs[r].on_name && add_key(l, terms[t].reqs[r].key))
				return -1;
	return 0;
}

/* Whether a topology key splits shapes: its nodes have few values (at most √nodes: zones, not
 * racks of a few nodes each), so that classes stay large; a key of more values (racks, a
 * hostname) leaves the pods that read it to be filtered and scored node by node.
 * O(nodes × values). */
static int few_values(const struct cluster *c, const char *key, bool *few)
{
	const char **seen = NULL;
	size_t n = 0, cap = 0, most = 1;
	while ((most + 1) * (most + 1) <= c->n)
		most++;
	*few = true;
	for (size_t i = 0; i < c->n && *few; i++) {
		const char *v = node_label(&c->spec[i], key);
		if (!v || listed(seen, n, v))
			continue;
		if (n == most) {
			*few = false;
			break;
		}
		if (VEC_RESERVE(seen, cap, n + 1)) {
			free(seen);
			return -1;
		}
		seen[n++] = v;
	}
	free(seen);
	return 0;
}

static int add_topology_key(const struct cluster *c, struct key_list *l, const char *key)
{
	bool few;
	if (listed(l->keys, l->n, key) || listed(l->many, l->n_many, key))
		return 0;
	if (few_values(c, key, &few))
		return -1;
	if (few)
		return add_key(l, key);
	if (VEC_RESERVE(l->many, l->cap_many, l->n_many + 1))
		return -1;
	l->many[l->n_many++] = key;
	return 0;
}

static int add_pod_term_keys(const struct cluster *c, struct key_list *l, const struct term_list *t)
{
	for (uint32_t i = 0; i < t->n; i++)
		if (add_topology_key(c, l, t->at[i].topology_key))
			return -1;
	return 0;
}

/* The topology keys of a pod's affinity terms and spread constraints that split shapes. */
static int topology_keys(const struct cluster *c, struct key_list *l, const struct pod_rules *r)
{
	for (uint32_t i = 0; i < r->n_spread; i++)
		if (add_topology_key(c, l, r->spread[i].topology_key))
			return -1;
	return add_pod_term_keys(c, l, &r->affinity) || add_pod_term_keys(c, l, &r->affinity_preferred) ||
	       add_pod_term_keys(c, l, &r->anti_affinity) || add_pod_term_keys(c, l, &r->anti_affinity_preferred);
}

/* The label keys some pod's nodeSelector or node affinity names, and the topology keys of few
 * values, without repeats, into l->keys; -1 when out of memory.  O(requirements × keys). */
static int selected_keys(const struct cluster *c, struct key_list *l)
{
	const struct workload *w = c->w;
	*l = (struct key_list){0};
	for (size_t p = 0; p < w->n_pods; p++) {
		const struct pod_spec *pod = &w->pods[p];
		for (size_t s = 0; s < pod->n_selector; s++)
			if (add_key(l, pod->selector[s].key))
				return -1;
		if (pod->rules && (add_term_keys(l, pod->rules->required, pod->rules->n_required) ||
				   add_term_keys(l, pod->rules->preferred, pod->rules->n_preferred)))
			return -1;
	}
	for (size_t p = 0; p < w->n_pods; p++)
		if (w->pods[p].rules && topology_keys(c, l, w->pods[p].rules))
			return -1;
	free(l->many);
	l->many = NULL;
	return 0;
}

bool cluster_splits_on(const struct cluster *c, const char *key)
{
	return listed(c->shape_keys, c->n_shape_keys, key);
}

/* Numbers the nodes' shapes into c->shape_of.  O(nodes · log nodes). */
/* A node of each shape, and how many have it. */
static int shape_nodes(struct cluster *c)
{
	for (size_t i = 0; i < c->n; i++)
		c->n_shapes = c->shape_of[i] + 1 > c->n_shapes ? c->shape_of[i] + 1 : c->n_shapes;
	c->shape_node = malloc((c->n_shapes ? c->n_shapes : 1) * sizeof *c->shape_node);
	c->shape_count = calloc(c->n_shapes ? c->n_shapes : 1, sizeof *c->shape_count);
	if (!c->shape_node || !c->shape_count)
		return -1;
	for (size_t i = c->n; i-- > 0;) {
		c->shape_node[c->shape_of[i]] = (uint32_t)i;
		c->shape_count[c->shape_of[i]]++;
	}
	return 0;
}

static int number_shapes(struct cluster *c, unsigned class_by)
{
	struct key_list l;
	size_t room = c->n ? c->n : 1;
	if (selected_keys(c, &l)) {
		free(l.keys);
		free(l.many);
		return -1;
	}
	const char **keys = l.keys;
	size_t n_keys = l.n;
	c->shape_keys = keys;
	c->n_shape_keys = n_keys;
	struct shape_rec *recs = malloc(room * sizeof *recs);
	const char **values = malloc(room * (n_keys ? n_keys : 1) * sizeof *values);
	if (!recs || !values) {
		free(recs);
		free(values);
		return -1;
	}
	for (size_t i = 0; i < c->n; i++) {
		const struct node_spec *n = &c->spec[i];
		recs[i] = (struct shape_rec){n->cpu_milli, n->mem_bytes, n->max_pods, n->gpu_count, n->model,
					     class_by & CLASS_BY_RACK ? n->rack : -1, values + i * n_keys, n_keys,
					     n, c->w->n_scalar_names, (uint32_t)i};
		for (size_t k = 0; k < n_keys; k++)
			recs[i].values[k] = node_label(n, keys[k]);
	}
	sort_items(recs, c->n, sizeof *recs, by_shape);
	uint32_t id = 0;
	for (size_t i = 0; i < c->n; i++) {
		id += i > 0 && by_shape(&recs[i - 1], &recs[i]) != 0;
		c->shape_of[recs[i].node] = id;
	}
	free(recs);
	free(values);
	return 0;
}

/* Classes are bucketed by what the filter most often rejects on: GPU model, GPU room and free
 * CPU.  A bucket is (model + 1, GPU level) · 32 + CPU level, so that one word of the occupied
 * bits holds a (model, GPU level)'s CPU levels.
 * GPU level: 0 no GPU with idle milli; 1..10 the most idle milli of one GPU, 1 + milli/100
 * (below a whole GPU); 10 + k with k fully idle GPUs.
 * CPU level: how many of the thresholds 1000·2^(k/2) milli, k = 0..30, the free CPU reaches. */
#define GPU_LEVELS (11 + MAX_GPUS_PER_NODE)
#define CPU_LEVELS 32

static uint32_t cpu_level(int64_t cpu_milli)
{
	static const int64_t threshold[CPU_LEVELS - 1] = {
		1000, 1414, 2000, 2828, 4000, 5656, 8000, 11313, 16000, 22627, 32000, 45254, 64000, 90509,
		128000, 181019, 256000, 362038, 512000, 724077, 1024000, 1448154, 2048000, 2896309, 4096000,
		5792618, 8192000, 11585237, 16384000, 23170475, 32768000};
	uint32_t level = 0;
	while (level < CPU_LEVELS - 1 && cpu_milli >= threshold[level])
		level++;
	return level;
}

static uint32_t fit_bucket(const struct node_fit *f)
{
	uint32_t gpu = f->idle_gpus > 0 ? 10u + (uint32_t)f->idle_gpus
		       : f->largest_gpu_left > 0 ? 1u + (uint32_t)f->largest_gpu_left / 100 : 0;
	return ((uint32_t)(f->model + 1) * GPU_LEVELS + gpu) * CPU_LEVELS + cpu_level(f->cpu_left);
}

size_t cluster_fit_buckets(const struct cluster *c, const struct pod_spec *p, uint32_t *out)
{
	uint32_t lowest = 0, n = 0;
	if (p->gpu_count > MAX_GPUS_PER_NODE)
		return 0;
	if (p->gpu_count > 0)
		lowest = p->gpu_milli < GPU_MILLI ? 1u + (uint32_t)p->gpu_milli / 100
			 : 10u + (uint32_t)(p->gpu_index ? 1 : p->gpu_count);
	uint32_t cpu_levels = ~0u << cpu_level(p->cpu_milli);
	for (int model = -1; model < c->w->n_models; model++) {
		if (p->gpu_count && p->model_mask && (model < 0 || !(p->model_mask >> model & 1)))
			continue;
		uint32_t base = (uint32_t)(model + 1) * GPU_LEVELS, end = base + GPU_LEVELS;
		for (uint32_t word = node_classes_next_word(&c->classes, base + lowest, end); word < end;
		     word = node_classes_next_word(&c->classes, word + 1, end))
			for (uint32_t bits = c->classes.occupied[word] & cpu_levels; bits; bits &= bits - 1)
				out[n++] = word * CPU_LEVELS + (uint32_t)__builtin_ctz(bits);
	}
	return n;
}

uint32_t cluster_n_buckets(const struct cluster *c)
{
	return (uint32_t)(c->w->n_models + 1) * GPU_LEVELS * CPU_LEVELS;
}

static void class_place(const struct cluster *c, size_t node, struct class_place *place)
{
	const struct node_state *s = &c->state[node];
	struct class_key *k = &place->key;
	memset(place, 0, sizeof *place);
	place->fit = c->fit[node];
	place->bucket = fit_bucket(&c->fit[node]);
	k->cpu_used = s->cpu_used;
	k->mem_used = s->mem_used;
	k->shape = c->shape_of[node];
	k->pods = s->pods;
	memcpy(k->gpu_left, s->gpu_left, sizeof k->gpu_left);
	memcpy(k->shape_pods, s->shape_pods, sizeof k->shape_pods);
	memcpy(k->scalar_left, s->scalar_left, sizeof k->scalar_left);
	if (c->class_by & CLASS_BY_NONZERO) {
		k->nonzero_used[0] = s->nonzero_cpu_used;
		k->nonzero_used[1] = s->nonzero_mem_used;
	}
}

static int make_classes(struct cluster *c, unsigned class_by, struct error *err)
{
	if (number_shapes(c, class_by) || shape_nodes(c))
		return error_set(err, "out of memory for the shapes of %zu nodes", c->n);
	struct class_place *places = malloc((c->n ? c->n : 1) * sizeof *places);
	if (!places)
		return error_set(err, "out of memory for the classes of %zu nodes", c->n);
	for (size_t i = 0; i < c->n; i++)
		class_place(c, i, &places[i]);
	int rc = node_classes_init(&c->classes, places, c->n, cluster_n_buckets(c), c->tie_rank,
				   c->w->n_scalar_names, class_by & CLASS_BY_NONZERO, err);
	free(places);
	return rc;
}

/* Ranks follow the reference: nodes sorted by name get a shuffled prefix, so ties break at seeded random. */
static void rank_ties(struct cluster *c, const uint32_t *order, uint64_t tie_seed)
{
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
}

/* Node n with nothing on it: every GPU idle. */
struct node_state node_empty_state(const struct node_spec *n)
{
	struct node_state s = {0};
	for (int g = 0; g < n->gpu_count; g++)
		s.gpu_left[g] = GPU_MILLI;
	s.gpu_left_total = n->gpu_count * GPU_MILLI;
	for (uint32_t k = 0; k < n->n_scalars; k++)
		if (n->scalars[k].slot >= 0)
			s.scalar_left[n->scalars[k].slot] = n->scalars[k].amount;
	return s;
}

int cluster_init(struct cluster *c, const struct workload *w, uint64_t tie_seed, unsigned class_by,
		 struct error *err)
{
	memset(c, 0, sizeof *c);
	c->w = w;
	c->class_by = class_by;
	c->spec = w->nodes;
	c->n = w->n_nodes;
	size_t room = c->n ? c->n : 1;
	c->state = calloc(room, sizeof *c->state);
	c->fit = calloc(room, sizeof *c->fit);
	c->tie_rank = calloc(room, sizeof *c->tie_rank);
	c->shape_of = calloc(room, sizeof *c->shape_of);
	uint32_t *order = calloc(room, sizeof *order);
	if (!c->state || !c->fit || !c->tie_rank || !c->shape_of || !order) {
		free(order);
		cluster_release(c);
		return error_set(err, "out of memory for %zu nodes", w->n_nodes);
	}
	int rc = check_nodes(c, order, err);
	if (!rc)
		rank_ties(c, order, tie_seed);
	free(order);
	for (size_t i = 0; i < c->n && !rc; i++) {
		c->state[i] = node_empty_state(&c->spec[i]);
		refit(c, i);
	}
	if (!rc)
		rc = make_classes(c, class_by, err);
	if (rc)
		cluster_release(c);
	return rc;
}

void cluster_release(struct cluster *c)
{
	free(c->state);
	free(c->fit);
	free(c->tie_rank);
	free(c->shape_of);
	free(c->shape_node);
	free(c->shape_count);
	free(c->shape_keys);
	node_classes_release(&c->classes);
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

/* Whether n's devices in state s hold p's GPUs, whatever their model. */
static bool devices_fit(const struct node_spec *n, const struct node_state *s, const struct pod_spec *p)
{
	if (p->gpu_count == 0)
		return true;
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

static bool gpus_fit(const struct node_spec *n, const struct node_state *s, const struct pod_spec *p)
{
	return gpu_model_ok(n, p) && devices_fit(n, s, p);
}

/* Whether s has left each scalar resource p asks for; the slots p lacks, as bits. */
static unsigned scalars_short(const struct node_state *s, const struct pod_spec *p)
{
	unsigned shortfall = 0;
	for (uint8_t k = 0; k < p->n_scalars; k++)
		if (p->scalars[k].amount > s->scalar_left[p->scalars[k].slot])
			shortfall |= 1u << p->scalars[k].slot;
	return shortfall;
}

bool node_has_room(const struct cluster *c, size_t node, const struct pod_spec *p)
{
	const struct node_spec *n = &c->spec[node];
	const struct node_state *s = &c->state[node];
	return s->pods < n->max_pods && p->cpu_milli <= n->cpu_milli - s->cpu_used &&
	       p->mem_bytes <= n->mem_bytes - s->mem_used && !scalars_short(s, p) && devices_fit(n, s, p);
}

bool cluster_fits_record(const struct cluster *c, const struct node_fit *f, size_t node, const struct pod_spec *p)
{
	if (f->slots_left < 1 || p->cpu_milli > f->cpu_left || p->mem_bytes > f->mem_left)
		return false;
	/* Selectors, scalar resources, pinned devices, a model list on a node without a model, and
	 * (never loaded, but possible) a shared request over several GPUs take the full check. */
	if (p->n_selector || p->n_scalars || p->gpu_index || (p->model_mask && f->model < 0 && p->gpu_count) ||
	    (p->gpu_count > 1 && p->gpu_milli < GPU_MILLI))
		return node_selector_matches(p, &c->spec[node]) && !scalars_short(&c->state[node], p) &&
		       gpus_fit(&c->spec[node], &c->state[node], p);
	if (p->gpu_count == 0)
		return true;
	if (f->model < 0 && c->spec[node].gpu_count == 0)
		return false;
	if (p->model_mask && !(p->model_mask >> f->model & 1))
		return false;
	/* Shared pods need one GPU with enough idle milli; whole-GPU pods that many idle GPUs. */
	return p->gpu_milli < GPU_MILLI ? f->largest_gpu_left >= p->gpu_milli : f->idle_gpus >= p->gpu_count;
}

bool cluster_fits(const struct cluster *c, size_t node, const struct pod_spec *p)
{
	return cluster_fits_record(c, &c->fit[node], node, p);
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

void node_state_account(struct node_state *s, const struct pod_spec *p, uint32_t gpus, int sign)
{
	s->cpu_used += sign * p->cpu_milli;
	s->mem_used += sign * p->mem_bytes;
	s->nonzero_cpu_used += sign * p->nonzero_cpu;
	s->nonzero_mem_used += sign * p->nonzero_mem;
	s->pods += sign;
	for (uint8_t k = 0; k < p->n_scalars; k++)
		s->scalar_left[p->scalars[k].slot] -= sign * p->scalars[k].amount;
	int shape = pod_gpu_shape(p);
	if (shape >= 0 && shape < N_GPU_SHAPES)
		s->shape_pods[shape] = (uint16_t)(s->shape_pods[shape] + sign);
	for (int g = 0; g < MAX_GPUS_PER_NODE; g++) {
		if (!(gpus >> g & 1))
			continue;
		s->gpu_left[g] = (int16_t)(s->gpu_left[g] - sign * p->gpu_milli);
		s->gpu_left_total -= sign * p->gpu_milli;
	}
}

bool node_state_fits(const struct node_spec *n, const struct node_state *s, const struct pod_spec *p)
{
	return s->pods < n->max_pods && p->cpu_milli <= n->cpu_milli - s->cpu_used &&
	       p->mem_bytes <= n->mem_bytes - s->mem_used && !scalars_short(s, p) && node_selector_matches(p, n) &&
	       gpus_fit(n, s, p);
}

static const char *const fit_text[N_FIT_REASONS] = {
	[FIT_UNSCHEDULABLE] = "node(s) were unschedulable",
	[FIT_NODE_NAME] = "node(s) didn't match the requested node name",
	[FIT_ENFORCED] = "node(s) didn't match scheduler-enforced node affinity",
	[FIT_SELECTOR] = "node(s) didn't match Pod's node affinity/selector",
	[FIT_PODS] = "Too many pods",
	[FIT_CPU] = "Insufficient cpu",
	[FIT_MEMORY] = "Insufficient memory",
	[FIT_MODEL] = "node(s) didn't match GPU model",
	[FIT_GPU_COUNT] = "Insufficient alibabacloud.com/gpu-count",
	[FIT_GPU_MILLI] = "Insufficient alibabacloud.com/gpu-milli",
	[FIT_SPREAD] = "node(s) didn't match pod topology spread constraints",
	[FIT_SPREAD_LABEL] = "node(s) didn't match pod topology spread constraints (missing required label)",
	[FIT_AFFINITY] = "node(s) didn't match pod affinity rules",
	[FIT_ANTI_AFFINITY] = "node(s) didn't match pod anti-affinity rules",
	[FIT_EXISTING_ANTI_AFFINITY] = "node(s) didn't satisfy existing pods anti-affinity rules",
};

bool node_could_fit(const struct node_spec *n, const struct pod_spec *p)
{
	struct node_state empty = node_empty_state(n);
	return node_state_fits(n, &empty, p);
}

/* The first filter plugin's that rejects it, each of its reasons (a device pinned past the
 * node's GPUs counts as too few GPUs). */
unsigned fit_reasons(const struct node_spec *n, const struct node_state *s, const struct pod_spec *p)
{
	if (!node_selector_matches(p, n))
		return 1u << FIT_SELECTOR;
	unsigned r = (s->pods >= n->max_pods) << FIT_PODS | (p->cpu_milli > n->cpu_milli - s->cpu_used) << FIT_CPU |
		     (p->mem_bytes > n->mem_bytes - s->mem_used) << FIT_MEMORY | scalars_short(s, p) << N_FIT_REASONS;
	if (r || p->gpu_count == 0)
		return r;
	if (n->gpu_count > 0 && !gpu_model_ok(n, p))
		return 1u << FIT_MODEL;
	bool shared = p->gpu_milli < GPU_MILLI && n->gpu_count > 0 && !p->gpu_index;
	return 1u << (shared ? FIT_GPU_MILLI : FIT_GPU_COUNT);
}

void fit_error_count(struct fit_error *e, const struct pod_spec *p, unsigned reasons, uint32_t nodes)
{
	for (unsigned bits = reasons; bits; bits &= bits - 1)
		e->nodes[__builtin_ctz(bits)] += nodes;
	for (uint8_t k = 0; k < p->n_scalars; k++)
		e->scalar_names[p->scalars[k].slot] = p->scalars[k].name;
	e->gpu_resource = p->gpu_resource;
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void fit_error_text(const struct fit_error *e, size_t nodes, char *why, size_t size)
{
	/* As Kubernetes' FitError: "<count> <reason>" strings, sorted as strings. */
	char parts[N_ALL_REASONS + MAX_TAINT_TEXTS][360];
	const char *sorted[N_ALL_REASONS + MAX_TAINT_TEXTS];
	int n = 0;
	for (int t = 0; t < MAX_TAINT_TEXTS; t++)
		if (e->taint_nodes[t]) {
			snprintf(parts[n], sizeof parts[n], "%" PRIu32 " node(s) had untolerated taint {%.300s}", e->taint_nodes[t],
				 e->taint_texts[t]);
			sorted[n] = parts[n];
			n++;
		}
	for (int b = 0; b < N_ALL_REASONS; b++)
		if (e->nodes[b] && b >= N_FIT_REASONS) {
			const char *name = e->scalar_names[b - N_FIT_REASONS];
			snprintf(parts[n], sizeof parts[n], "%" PRIu32 " Insufficient %.120s", e->nodes[b], name ? name : "?");
			sorted[n] = parts[n];
			n++;
		} else if (e->nodes[b]) {
			/* Whole devices asked for as a device plugin's are short under its name. */
			static const char *const device[] = {[GPU_RES_NVIDIA] = "Insufficient nvidia.com/gpu",
							     [GPU_RES_AMD] = "Insufficient amd.com/gpu"};
			const char *text = b == FIT_GPU_COUNT && e->gpu_resource ? device[e->gpu_resource] : fit_text[b];
			snprintf(parts[n], sizeof parts[n], "%" PRIu32 " %s", e->nodes[b], text);
			sorted[n] = parts[n];
			n++;
		}
	sort_items(sorted, (size_t)n, sizeof *sorted, by_text);
	size_t len = (size_t)snprintf(why, size, "0/%zu nodes are available: ", nodes);
	for (int i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(why + len, size - len, "%s%s", i ? ", " : "", sorted[i]);
	if (len < size)
		snprintf(why + len, size - len, ".");
}

static int account(struct cluster *c, size_t node, const struct pod_spec *p, uint32_t gpus, int sign)
{
	node_state_account(&c->state[node], p, gpus, sign);
	c->used_cpu += sign * p->cpu_milli;
	c->used_mem += sign * p->mem_bytes;
	c->used_gpu_milli += sign * p->gpu_milli * __builtin_popcount(gpus);
	for (uint8_t k = 0; k < p->n_scalars; k++)
		c->used_scalar[p->scalars[k].slot] += sign * p->scalars[k].amount;
	refit(c, node);
	struct class_place place;
	class_place(c, node, &place);
	return node_classes_move(&c->classes, (uint32_t)node, &place);
}

int cluster_bind(struct cluster *c, size_t node, const struct pod_spec *p, uint32_t gpus)
{
	return account(c, node, p, gpus, 1);
}

int cluster_unbind(struct cluster *c, size_t node, const struct pod_spec *p, uint32_t gpus)
{
	return account(c, node, p, gpus, -1);
}
