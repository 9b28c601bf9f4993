import { spawn } from 'node:child_process';

/** Opens a folder in the OS file manager; the Electron shell passes its own (shell.openPath). */
export type FolderOpener = (folder: string) => Promise<void>;

/** The platform's own opener, for headless mode on a desktop machine. */
export const systemFolderOpener: FolderOpener = (folder) =>
  new Promise((resolve, reject) => {
    const command =
      process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
    const child = spawn(command, [folder], { detached: true, stdio: 'ignore' });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
