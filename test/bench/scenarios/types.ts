/** What every scenario is given. */
export interface ScenarioOptions {
  /** The reduced run (`npm run bench -- --quick`). */
  quick: boolean
}
