#include "sim/run_plugins.h"

#include <string.h>

/* The state of use's plugin, made once per run; -1 when its .init failed. */
static int state_of(struct run_plugins *rp, const struct plugin_use *use, const struct plugin_env *env, void **self,
		    struct error *err)
{
	for (int i = 0; i < rp->n; i++)
		if (rp->made[i] == use->plugin) {
			*self = rp->self[i];
			return 0;
		}
	struct plugin_env own = *env;
	own.args = use->args;
	*self = NULL;
	if (use->plugin->init && use->plugin->init(self, &own, err))
		return -1;
	rp->made[rp->n] = use->plugin;
	rp->self[rp->n++] = *self;
	return 0;
}

int run_plugins_init(struct run_plugins *rp, const struct scheduler_profile *p, const struct plugin_env *env,
		     struct error *err)
{
	memset(rp, 0, sizeof *rp);
	int rc = 0;
	if (p->queue_sort.plugin) {
		rp->sort = p->queue_sort.plugin->queue_sort;
		rc = state_of(rp, &p->queue_sort, env, &rp->sort_self, err);
	}
	if (!rc && p->post_filter.plugin) {
		rp->post_filter = p->post_filter.plugin->post_filter;
		rc = state_of(rp, &p->post_filter, env, &rp->post_filter_self, err);
	}
	if (!rc && p->permit.plugin) {
		rp->permit = p->permit.plugin->permit;
		rc = state_of(rp, &p->permit, env, &rp->permit_self, err);
	}
	if (rc)
		run_plugins_release(rp);
	return rc;
}

void run_plugins_release(struct run_plugins *rp)
{
	for (int i = 0; i < rp->n; i++)
		if (rp->made[i]->free)
			rp->made[i]->free(rp->self[i]);
	memset(rp, 0, sizeof *rp);
}
