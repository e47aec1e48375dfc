/* outcome.h — what became of one pod in a run: where it ran, on which GPUs, and when. */
#ifndef SIMON_OUTCOME_H
#define SIMON_OUTCOME_H

#include <stdint.h>

struct pod_outcome {
	int32_t node;      /* -1: never placed (or not now, while it waits again) */
	uint32_t gpus;
	int64_t arrival;   /* replay mode; TIME_NONE in inflation mode */
	int64_t start;     /* the first start */
	int64_t end;       /* the final completion; TIME_NONE: still running at the end, or never */
	uint32_t preemptions; /* times it was evicted */
};

#endif
