/* clock.h — what a run cost, as simon reports it on the terminal (never in results): seconds
 * on the monotonic clock, and the process's peak memory. */
#ifndef SIMON_CLOCK_H
#define SIMON_CLOCK_H

double clock_seconds(void);
/* The peak resident memory of the process so far, in MB. */
double peak_memory_mb(void);

#endif
