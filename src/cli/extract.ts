import type { Command } from 'commander';

export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description('extract incidents from documents (files, URLs, or - for stdin)')
    .argument('<files...>')
    .option('--json', 'print the contract JSON')
    .option('--trace', 'print what each stage added')
    .option('--published <date>', 'publication date (YYYY-MM-DD) when the document does not say')
    .action(() => {
      throw new Error('not assembled yet');
    });
}
