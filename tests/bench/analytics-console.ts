/** The admin console's first paints for the analytics bench; null until the console's measuring helper exists. */
export async function measureConsolePages(_url: string, _owner: { email: string; password: string; secret: string }): Promise<{ usersMs: number; analyticsMs: number } | null> {
  return null;
}
