#include "sim/load/priority.h"

#include <string.h>

#include "sim/util/suggest.h"

static const struct priority_class builtin[] = {
	{.name = "system-cluster-critical", .value = 2000000000},
	{.name = "system-node-critical", .value = 2000001000},
};
#define N_BUILTIN (sizeof builtin / sizeof builtin[0])

static const struct priority_class *find_class(const struct workload *w, const char *name)
{
	for (size_t i = 0; i < w->n_classes; i++)
		if (strcmp(w->classes[i].name, name) == 0)
			return &w->classes[i];
	for (size_t i = 0; i < N_BUILTIN; i++)
		if (strcmp(builtin[i].name, name) == 0)
			return &builtin[i];
	return NULL;
}

/* Two of one name, or two global defaults: the second is the error.  The default, or NULL. */
static int check_classes(const struct workload *w, const struct priority_class **global, struct error *err)
{
	*global = NULL;
	for (size_t i = 0; i < w->n_classes; i++) {
		const struct priority_class *pc = &w->classes[i];
		if (find_class(w, pc->name) != pc)
			return error_at(err, pc->file, pc->line, 0, "PriorityClass %s: a second class of this name",
					pc->name);
		if (pc->global_default && *global)
			return error_at(err, pc->file, pc->line, 0,
					"PriorityClass %s: globalDefault: a second global default (%s is one)", pc->name,
					(*global)->name);
		if (pc->global_default)
			*global = pc;
	}
	return 0;
}

static int unknown_class(const struct workload *w, const struct pod_spec *p, struct error *err)
{
	const char *names[64];
	size_t n = 0;
	for (size_t i = 0; i < w->n_classes && n < 62; i++)
		names[n++] = w->classes[i].name;
	for (size_t i = 0; i < N_BUILTIN; i++)
		names[n++] = builtin[i].name;
	long near = suggest_nearest(p->priority_class, names, n);
	return error_at(err, p->file, p->class_line, p->class_col,
			"Pod %s: spec.priorityClassName: no PriorityClass '%.80s' in the cluster's YAML%s%s%s", p->name,
			p->priority_class, near >= 0 ? "; did you mean " : "", near >= 0 ? names[near] : "",
			near >= 0 ? "?" : "");
}

static const struct qos_priority *find_qos(const struct qos_priority *qos, int n_qos, const char *name)
{
	for (int i = 0; name && i < n_qos; i++)
		if (strcmp(qos[i].qos, name) == 0)
			return &qos[i];
	return NULL;
}

/* A class gives the pod its preemption policy; one the pod writes must be the same, as
 * Kubernetes' Priority admission requires. */
static int class_policy(const struct pod_spec *p, const struct priority_class *pc, size_t line, size_t col,
			struct error *err)
{
	int want = pc->never_preempts ? POLICY_NEVER : POLICY_PREEMPT;
	if (p->own_policy == POLICY_UNSET || p->own_policy == want)
		return 0;
	static const char *const names[] = {[POLICY_PREEMPT] = "PreemptLowerPriority", [POLICY_NEVER] = "Never"};
	return error_at(err, p->file, line, col,
			"Pod %s: spec.preemptionPolicy %s is not PriorityClass %s's %s (Kubernetes rejects such a pod)",
			p->name, names[p->own_policy], pc->name, names[want]);
}

static int resolve(const struct workload *w, struct pod_spec *p, const struct priority_class *global,
		   const struct qos_priority *qos, int n_qos, struct error *err)
{
	p->never_preempts = p->own_policy == POLICY_NEVER;
	if (p->priority_class) {
		const struct priority_class *pc = find_class(w, p->priority_class);
		if (!pc)
			return unknown_class(w, p, err);
		if (p->has_priority && p->priority != pc->value)
			return error_at(err, p->file, p->class_line, p->class_col,
					"Pod %s: spec.priority %d is not PriorityClass %s's value %d (Kubernetes rejects "
					"such a pod)",
					p->name, p->priority, pc->name, pc->value);
		if (class_policy(p, pc, p->class_line, p->class_col, err))
			return -1;
		p->priority = pc->value;
		p->never_preempts = pc->never_preempts;
		return 0;
	}
	if (p->has_priority)
		return 0;
	const struct qos_priority *q = find_qos(qos, n_qos, p->qos);
	if (q) {
		p->priority = q->value;
		return 0;
	}
	if (global && class_policy(p, global, p->line, 0, err))
		return -1;
	p->priority = global ? global->value : 0;
	p->never_preempts = global ? global->never_preempts : p->never_preempts;
	return 0;
}

int priorities_resolve(struct workload *w, const struct qos_priority *qos, int n_qos, struct error *err)
{
	const struct priority_class *global;
	if (check_classes(w, &global, err))
		return -1;
	for (size_t i = 0; i < w->n_pods; i++)
		if (resolve(w, &w->pods[i], global, qos, n_qos, err))
			return -1;
	return 0;
}
