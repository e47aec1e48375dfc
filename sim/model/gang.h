/* gang.h — pod groups: which pods must start together, and how many of them (the Coscheduling
 * plugin's gangs, policies/permit/coscheduling.c, and the reasons report's).
 *
 * A group is the pods of one job: the coscheduling label pod-group.scheduling.sigs.k8s.io/name,
 * else job-name.  Its quorum is its min-available label, else every pod of the group among the
 * run's arrivals (tuning's clones of a member join its group).  A group with fewer pods than
 * its quorum waits for ever, with its reason.  Cost: O(pods) to build, O(1) per question.
 */
#ifndef SIMON_GANG_H
#define SIMON_GANG_H

#include "sim/model/arrivals.h"

struct gangs {
	int32_t *quorum;    /* per job */
	int32_t *members;   /* per job: its pods among the arrivals */
	int32_t *arrived;   /* per job: members that arrived and could ever fit (the engine counts) */
	unsigned char *released; /* per job: its quorum started together */
	size_t n_jobs;
};

int gangs_init(struct gangs *g, const struct arrivals *a);
void gangs_release(struct gangs *g);

/* How many members of job's group must start together before one may start alone: 0 for no
 * group (job −1, or a quorum of one: a group of one pod that names no larger quorum) or a
 * released one.  A group with fewer pods than its quorum never starts, as the coscheduling
 * plugin never admits it. */
static inline int32_t gang_need(const struct gangs *g, int32_t job)
{
	if (job < 0 || (size_t)job >= g->n_jobs || g->released[job] || (g->members[job] < 2 && g->quorum[job] < 2))
		return 0;
	return g->quorum[job];
}

#endif
