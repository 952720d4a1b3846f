import { emporiumPaths } from '../cli-settings.ts';
import type { Command, CommandContext } from '../command.ts';
import { callUsage, callUsageError, parseCallArgs } from './call-options.ts';

export const callCommand: Command = {
  name: 'call',
  summary: "call a service's gRPC method through the service registry, like grpcurl",
  usage: callUsage,
  run: runCall,
};

async function runCall(context: CommandContext): Promise<number> {
  const request = parseCallArgs(context.argv);
  if (request.action === 'help') {
    context.stdout.write(callUsage);
    return 0;
  }
  // Loaded here, not at the top: the contracts and the gRPC client stack are this command's
  // alone, and every other command starts faster without them.
  const [{ findMethod }, { chooseRegistry }, { callMethod }] = await Promise.all([
    import('../rpc/rpc-contracts.ts'),
    import('../rpc/registry-settings.ts'),
    import('../rpc/call-method.ts'),
  ]);
  const lookup = findMethod(request.service, request.method);
  if (!lookup.found) throw callUsageError(lookup.problem);
  const registry = await chooseRegistry(context.env, emporiumPaths(context.env, context.repoRoot));
  await callMethod({
    registry,
    target: request.service,
    method: lookup.method,
    json: request.json,
    timeoutMs: request.timeoutMs,
    print: (line) => context.stdout.write(`${line}\n`),
  });
  return 0;
}
