import { Command } from 'commander';
import { registerArticleCommand } from './commands/article.ts';
import { registerClassifyCommand } from './commands/classify.ts';
import { registerEvalCommand } from './commands/eval.ts';
import { registerExportLabelsCommand } from './commands/export-labels.ts';
import { registerRepliesCommand } from './commands/replies.ts';
import { registerSendCommand } from './commands/send.ts';
import { registerTicketsCommand } from './commands/tickets.ts';

const program = new Command('triage')
  .description('kdp-triage: classify KDP sign-in support email, evaluate the classifier, inspect the local system')
  .showHelpAfterError();

registerClassifyCommand(program);
registerEvalCommand(program);
registerArticleCommand(program);
registerSendCommand(program);
registerTicketsCommand(program);
registerRepliesCommand(program);
registerExportLabelsCommand(program);

await program.parseAsync(process.argv);
