import type { GattLayout } from '../gatt-pipe.js';

/**
 * ACS ACR1255U-J1 constants. Sources: ACR1255U-J1 Reference Manual V1.01/V1.07 ("the manual"),
 * ACS's Android SDK demo (`DEFAULT_1255_MASTER_KEY`), community implementations (obniz
 * `parts/Ble/acr1255`, flutter_nfc_acs). See the README's "confirmed vs inferred" table.
 */

/**
 * GATT layout. The manual's §5.2 "Profile Selection" (Table 4) lists the Smart Card service
 * pipes FFF1 (command request), FFF2 (command response / card notification) and the
 * standard battery level 2A19. The 128-bit base `3C4Axxxx-4783-3DE5-A983-D348718EF133` is
 * what public implementations discover on real readers [confirmed by two independent
 * implementations, not by the manual].
 */
export const ACR1255_GATT: GattLayout = {
  service: '3c4afff0-4783-3de5-a983-d348718ef133',
  command: { service: '3c4afff0-4783-3de5-a983-d348718ef133', characteristic: '3c4afff1-4783-3de5-a983-d348718ef133' },
  response: { service: '3c4afff0-4783-3de5-a983-d348718ef133', characteristic: '3c4afff2-4783-3de5-a983-d348718ef133' },
  battery: { service: '180f', characteristic: '2a19' },
  writeWithResponse: true,
};

/**
 * The Customer Master Key every reader ships with: ASCII "ACR1255U-J1 Auth", as published in
 * ACS's own SDK demo application. Clinics should rewrite it (manual §6.7.19 "Customer Master
 * Key Rewrite", V1.07) and pass their key to {@link acr1255uj1Profile}.
 */
export const ACR1255_DEFAULT_MASTER_KEY: Uint8Array = new Uint8Array([
  0x41, 0x43, 0x52, 0x31, 0x32, 0x35, 0x35, 0x55, 0x2d, 0x4a, 0x31, 0x20, 0x41, 0x75, 0x74, 0x68,
]);

/** Communication profile (manual §5.4): start byte, stop byte. */
export const FRAME_START = 0x05;
export const FRAME_STOP = 0x0a;

/** Command codes (manual §5.6, Table 6 "Command Code Summary"). */
export const CMD_POWER_ON = 0x62;
export const CMD_POWER_OFF = 0x63;
export const CMD_SLOT_STATUS = 0x65;
export const CMD_ESCAPE = 0x6b;
export const CMD_APDU = 0x6f;

/** Response codes (manual §5.6, Table 7 "Response Code Summary"). */
export const RSP_DATA_BLOCK = 0x80;
export const RSP_SLOT_STATUS = 0x81;
export const RSP_ESCAPE = 0x83;
export const RSP_NOTIFY_CARD = 0x50;
export const RSP_HARDWARE_ERROR = 0x51;

/** §5.6.5 "Notify Card Status": Param values. */
export const NOTIFY_CARD_PRESENT = 0x02;
export const NOTIFY_CARD_ABSENT = 0x03;

/** §5.6.3 "Get Slot Status": Param values of the 81h response. */
export const SLOT_ACTIVE = 0x00;
export const SLOT_INACTIVE = 0x01;
export const SLOT_ABSENT = 0x02;

/** §5.6.6 "Hardware Error Response": Param values. */
export const HW_ERROR_CHECKSUM = 0x01;
export const HW_ERROR_TIMEOUT = 0x02;
export const HW_ERROR_COMMAND = 0x03;
export const HW_ERROR_UNAUTHORIZED = 0x04;
export const HW_ERROR_UNDEFINED = 0x05;
export const HW_ERROR_RECEIVE = 0x06;

/** Escape command prefixes (manual §5.6.7, §5.7.2–5.7.5, §6.6.17). */
export const ESCAPE_AUTH_REQUEST = new Uint8Array([0xe0, 0x00, 0x00, 0x45, 0x00]);
export const ESCAPE_AUTH_REQUEST_REPLY = new Uint8Array([0xe1, 0x00, 0x00, 0x45, 0x00]);
export const ESCAPE_AUTH_RESPONSE = new Uint8Array([0xe0, 0x00, 0x00, 0x46, 0x00]);
export const ESCAPE_AUTH_RESPONSE_REPLY = new Uint8Array([0xe1, 0x00, 0x00, 0x46, 0x00]);
/** "Open automatic polling" E0 00 00 40 01 (§5.6.7.2). */
export const ESCAPE_POLLING_ON = new Uint8Array([0xe0, 0x00, 0x00, 0x40, 0x01]);
/** "Set Sleep Time Interval" E0 00 00 48 tt (§6.6.17 "Sleep Mode Option"). */
export const ESCAPE_SLEEP_PREFIX = new Uint8Array([0xe0, 0x00, 0x00, 0x48]);

/** Sleep intervals of §6.6.17 (seconds → code). 60 s is the factory default. */
export const SLEEP_INTERVAL_CODES: Readonly<Record<60 | 90 | 120 | 180, number>> = { 60: 0x00, 90: 0x01, 120: 0x02, 180: 0x03 };

/** Largest datablock the 2-byte Len field of §5.4 can describe. */
export const MAX_DATABLOCK = 0xffff;
/** Message header: type, Length (2), Slot, Seq, Param, Check (§5.5.1). */
export const MESSAGE_HEADER = 7;
/**
 * Largest APDU (command or response) one encrypted message can carry: the padded message
 * must fit the 2-byte Len (65535 → 65520 after block alignment) minus the 7-byte header.
 */
export const MAX_MESSAGE_DATA = Math.floor(MAX_DATABLOCK / 16) * 16 - MESSAGE_HEADER;
