/* LD_PRELOAD allocation counter for bench/alloc_per_request.py: counts malloc, calloc, realloc
 * and memalign calls (operator new goes through malloc) and writes the counts to
 * $ALLOC_COUNT_FILE on SIGUSR1. Forwards to glibc's __libc_* entry points, so no dlsym. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <unistd.h>

extern void* __libc_malloc(size_t);
extern void* __libc_calloc(size_t, size_t);
extern void* __libc_realloc(void*, size_t);
extern void* __libc_memalign(size_t, size_t);
extern void __libc_free(void*);

static atomic_ulong allocs, frees, bytes;

void* malloc(size_t n) { atomic_fetch_add_explicit(&allocs, 1, memory_order_relaxed); atomic_fetch_add_explicit(&bytes, n, memory_order_relaxed); return __libc_malloc(n); }
void* calloc(size_t a, size_t b) { atomic_fetch_add_explicit(&allocs, 1, memory_order_relaxed); atomic_fetch_add_explicit(&bytes, a * b, memory_order_relaxed); return __libc_calloc(a, b); }
void* realloc(void* p, size_t n) { atomic_fetch_add_explicit(&allocs, 1, memory_order_relaxed); atomic_fetch_add_explicit(&bytes, n, memory_order_relaxed); return __libc_realloc(p, n); }
void* memalign(size_t a, size_t n) { atomic_fetch_add_explicit(&allocs, 1, memory_order_relaxed); atomic_fetch_add_explicit(&bytes, n, memory_order_relaxed); return __libc_memalign(a, n); }
void* aligned_alloc(size_t a, size_t n) { return memalign(a, n); }
int posix_memalign(void** out, size_t a, size_t n) { void* p = memalign(a, n); if (!p) return ENOMEM; *out = p; return 0; }
void free(void* p) { if (p) atomic_fetch_add_explicit(&frees, 1, memory_order_relaxed); __libc_free(p); }

/* Async-signal-safe decimal formatting. */
static char* put_number(char* at, unsigned long v) {
  char tmp[24]; int n = 0;
  do { tmp[n++] = (char)('0' + v % 10); v /= 10; } while (v);
  while (n) *at++ = tmp[--n];
  return at;
}

static void dump(int sig) {
  (void)sig;
  const char* path = getenv("ALLOC_COUNT_FILE");
  if (!path) return;
  char buf[96], *at = buf;
  at = put_number(at, atomic_load(&allocs)); *at++ = ' ';
  at = put_number(at, atomic_load(&frees)); *at++ = ' ';
  at = put_number(at, atomic_load(&bytes)); *at++ = '\n';
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return;
  ssize_t ignored = write(fd, buf, (size_t)(at - buf));
  (void)ignored;
  close(fd);
}

__attribute__((constructor)) static void install(void) { signal(SIGUSR1, dump); }
