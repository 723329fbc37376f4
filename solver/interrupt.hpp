#pragma once
// A request to stop, from a signal handler (SIGINT, SIGTERM) or a caller.
// Every loop that checks its time limit also checks this flag, so a request
// ends a solve as soon as the running step (a pricing round, a master LP, a
// CBC node) returns: the run then keeps its best plan and bound, and its
// stop reason reads "interrupted". The flag is a lock-free atomic, safe to
// set from a signal handler.
namespace pp {

void request_interrupt() noexcept;
bool interrupt_requested() noexcept;
void clear_interrupt() noexcept;

// Installs handlers for SIGINT and SIGTERM that request an interrupt; a
// second signal of either ends the process at once (the default action).
void install_interrupt_handlers();

}  // namespace pp
