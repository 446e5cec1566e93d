export { VpcdBridge, VPCD_DEFAULT_PORT } from './vpcd-bridge.js';
export type { VpcdBridgeOptions, VpcdBridgeState, VpcdBridgeStats } from './vpcd-bridge.js';
export { VpcdControl, VpcdFrameDecoder, encodeVpcdFrame, VPCD_MAX_PAYLOAD } from './vpcd-protocol.js';
export type { VpcdMessage } from './vpcd-protocol.js';
export { startPcscStack, PcscStackError, PCSCD_SOCKET, currentPcscStackOwner, runPcscTool } from './pcsc-stack.js';
export type { PcscStack, PcscStackOptions } from './pcsc-stack.js';
export { enableLoopbackQuickAck, loopbackQuickAckEnabled } from './loopback-quickack.js';
export type { StackLockRecord } from './stack-lock.js';
