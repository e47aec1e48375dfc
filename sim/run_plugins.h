/* run_plugins.h — the profile's queue sort, post-filter and permit plugins, made for one run:
 * one state per plugin, however many of these points it acts at (Coscheduling's queue sort
 * and permit share theirs).  The engine asks them through the tables; a point with no plugin
 * has NULL ops.
 */
#ifndef SIMON_RUN_PLUGINS_H
#define SIMON_RUN_PLUGINS_H

#include "sim/plugin/permit.h"
#include "sim/plugin/post_filter.h"
#include "sim/plugin/queue_sort.h"
#include "sim/profile.h"

struct run_plugins {
	const struct queue_sort_ops *sort;
	void *sort_self;
	const struct post_filter_ops *post_filter;
	void *post_filter_self;
	const struct permit_ops *permit;
	void *permit_self;
	/* The plugins made, each once. */
	const struct plugin *made[3];
	void *self[3];
	int n;
};

int run_plugins_init(struct run_plugins *rp, const struct scheduler_profile *p, const struct plugin_env *env,
		     struct error *err);
void run_plugins_release(struct run_plugins *rp);

#endif
