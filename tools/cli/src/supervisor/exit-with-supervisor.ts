/**
 * Loaded into every service process that `emporium up` starts (`node --import`), so that no
 * service outlives its supervisor, even one killed with SIGKILL.
 *
 * The supervisor holds the write end of this process's stdin pipe and never writes to it.
 * The kernel closes that end when the supervisor exits for any reason, and stdin then
 * reads end-of-file: the service stops exactly as if the supervisor had sent SIGTERM.
 */
const supervisor = process.env.EMPORIUM_SUPERVISOR_PID;

if (supervisor && !process.stdin.isTTY) {
  const stop = () => process.kill(process.pid, 'SIGTERM');
  process.stdin.once('end', stop);
  process.stdin.once('error', stop);
  process.stdin.resume();
  // Watching must not keep an otherwise finished process alive.
  process.stdin.unref();
}
