/**
 * Every command id the extension registers, once. package.json's `contributes.commands` must list exactly
 * these (a test checks both ways).
 */
export const Commands = {
  connect: 'xapi.connect',
  addDevice: 'xapi.addDevice',
  startSimulatedDevice: 'xapi.startSimulatedDevice',
  disconnect: 'xapi.disconnect',
  connectionActions: 'xapi.connectionActions',
  openLog: 'xapi.openLog',
  trustCertificate: 'xapi.trustCertificate',
  reenterPassword: 'xapi.reenterPassword',
  newScript: 'xapi.newScript',
  runLine: 'xapi.runLine',
  runSelection: 'xapi.runSelection',
  runFile: 'xapi.runFile',
  runStatement: 'xapi.runStatement',
  cancelRun: 'xapi.cancelRun',
  runCommand: 'xapi.runCommand',
  getStatus: 'xapi.getStatus',
  getConfiguration: 'xapi.getConfiguration',
  setConfiguration: 'xapi.setConfiguration',
  eventsShow: 'xapi.events.show',
  eventsFilter: 'xapi.events.filter',
  eventsPause: 'xapi.events.pause',
  eventsResume: 'xapi.events.resume',
  eventsClear: 'xapi.events.clear',
  eventsExport: 'xapi.events.export',
  eventsCopySnippet: 'xapi.events.copySnippet',
  treeCopyPath: 'xapi.tree.copyPath',
  treeCopyMacro: 'xapi.tree.copyMacroCode',
  treeWatch: 'xapi.tree.watch',
  treeUnwatch: 'xapi.tree.unwatch',
  treeRefresh: 'xapi.tree.refresh',
  treeClearFilter: 'xapi.tree.clearFilter',
  statusFilter: 'xapi.status.filter',
  configFilter: 'xapi.configuration.filter',
  configEdit: 'xapi.configuration.edit',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];
