import type { GattLayout } from '../gatt-pipe.js';

/**
 * ACS ACR1255U-J1 constants. Sources: ACR1255U-J1 Reference Manual V1.01/V1.07 ("the manual"),
 * ACS's Android SDK demo (`DEFAULT_1255_MASTER_KEY`), community implementations (obniz
 * `parts/Ble/acr1255`, flutter_nfc_acs). See the README's "confirmed vs inferred" table.
 */

const SERVICE = '3c4afff0-4783-3de5-a983-d348718ef133';

/**
 * The legacy GATT layout ACS's Android SDK also recognises: the 16-bit `FFF0` service with
 * `FFF1` (command) and `FFF2` (response), battery 180F/2A19 as in the current layout.
 */
export const ACR1255_GATT_LEGACY: GattLayout = {
  service: 'fff0',
  command: { service: 'fff0', characteristic: 'fff1' },
  response: { service: 'fff0', characteristic: 'fff2' },
  battery: { service: '180f', characteristic: '2a19' },
  writeWithResponse: true,
};

/**
 * GATT layout. The manual's §5.2 "Profile Selection" (Table 4) lists the Smart Card service
 * pipes FFF1 (command request), FFF2 (command response / card notification) and the
 * standard battery level 2A19. The 128-bit base `3C4Axxxx-4783-3DE5-A983-D348718EF133` is
 * what ACS's Android SDK and public implementations use on real readers; the SDK also
 * recognises the legacy 16-bit layout ({@link ACR1255_GATT_LEGACY}), which adapters discover
 * as an alternative.
 */
export const ACR1255_GATT: GattLayout = {
  service: SERVICE,
  command: { service: SERVICE, characteristic: '3c4afff1-4783-3de5-a983-d348718ef133' },
  response: { service: SERVICE, characteristic: '3c4afff2-4783-3de5-a983-d348718ef133' },
  battery: { service: '180f', characteristic: '2a19' },
  writeWithResponse: true,
  alternatives: [ACR1255_GATT_LEGACY],
};

/**
 * The Customer Master Key every reader ships with: ASCII "ACR1255U-J1 Auth", as published in
 * ACS's own SDK demo application. Clinics should rewrite it (manual §6.7.19 "Customer Master
 * Key Rewrite", V1.07) and pass their key to `acr1255uj1Profile` (root entry).
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

/**
 * 52h: the reader entered power saving (ACS's Android SDK). The link stays up; the card is
 * powered down and the next 50h brings it back.
 */
export const RSP_NOTIFY_POWER_SAVING = 0x52;

/**
 * 50h "Notify Card Status" Param, as ACS's Android SDK reads it: 02h absent, 03h present
 * (bit 0 present, bit 1 changed, the CCID slot-change layout). The manual's §5.6.5 table
 * prints the two values the other way round; the SDK is what runs against real readers.
 */
export const NOTIFY_CARD_ABSENT = 0x02;
export const NOTIFY_CARD_PRESENT = 0x03;

/** §5.6.3 "Get Slot Status": ICC status in Param bits 1-0 of 80h/81h/83h replies. */
export const SLOT_ACTIVE = 0x00;
export const SLOT_INACTIVE = 0x01;
export const SLOT_ABSENT = 0x02;
/** Param bits 7-6 of a reply: 00 processed, 01 failed (ACS's SDK and the CCID bmCommandStatus layout). */
export const PARAM_STATUS_MASK = 0xc0;
export const PARAM_COMMAND_FAILED = 0x40;
export const PARAM_ICC_MASK = 0x03;

/** Block chaining Param of 6Fh/80h (ACS's SDK; CCID bChainParameter). */
export const CHAIN_SINGLE = 0x00;
export const CHAIN_FIRST = 0x01;
export const CHAIN_LAST = 0x02;
export const CHAIN_MIDDLE = 0x03;
/** An empty 6Fh with this Param asks the reader for the next block of a chained reply. */
export const CHAIN_NEXT_REPLY = 0x10;
/** ACS's SDK splits command data longer than this into blocks. */
export const COMMAND_BLOCK_SIZE = 256;

/** 51h "Hardware Error Response" Param values (§5.6.6; 04h and 07h named as in ACS's SDK). */
export const HW_ERROR_CHECKSUM = 0x01;
export const HW_ERROR_TIMEOUT = 0x02;
export const HW_ERROR_COMMAND = 0x03;
/** "Authentication required" (the manual's "Unauthorized"). */
export const HW_ERROR_AUTH_REQUIRED = 0x04;
/** @deprecated Use {@link HW_ERROR_AUTH_REQUIRED}. */
export const HW_ERROR_UNAUTHORIZED = HW_ERROR_AUTH_REQUIRED;
export const HW_ERROR_UNDEFINED = 0x05;
export const HW_ERROR_RECEIVE = 0x06;
/** Too many authentication retries. */
export const HW_ERROR_TOO_MANY_AUTH_RETRIES = 0x07;

/** Escape command prefixes (manual §5.6.7, §5.7.2–5.7.5, §6.6.17). */
export const ESCAPE_AUTH_REQUEST = new Uint8Array([0xe0, 0x00, 0x00, 0x45, 0x00]);
export const ESCAPE_AUTH_REQUEST_REPLY = new Uint8Array([0xe1, 0x00, 0x00, 0x45, 0x00]);
export const ESCAPE_AUTH_RESPONSE = new Uint8Array([0xe0, 0x00, 0x00, 0x46, 0x00]);
export const ESCAPE_AUTH_RESPONSE_REPLY = new Uint8Array([0xe1, 0x00, 0x00, 0x46, 0x00]);
/** The 4 bytes ACS's SDK checks to recognise the reader's answer to the authentication response. */
export const ESCAPE_AUTH_RESPONSE_REPLY_PREFIX = new Uint8Array([0xe1, 0x00, 0x00, 0x46]);
/** "Open automatic polling" E0 00 00 40 01 (§5.6.7.2). */
export const ESCAPE_POLLING_ON = new Uint8Array([0xe0, 0x00, 0x00, 0x40, 0x01]);
/** "Set Sleep Time Interval" E0 00 00 48 tt (§6.6.17 "Sleep Mode Option"). */
export const ESCAPE_SLEEP_PREFIX = new Uint8Array([0xe0, 0x00, 0x00, 0x48]);
/** "Get Firmware Version" E0 00 00 18 00 → E1 00 00 00 n + ASCII (ACS readers' peripheral escapes). */
export const ESCAPE_FIRMWARE_VERSION = new Uint8Array([0xe0, 0x00, 0x00, 0x18, 0x00]);
/** "Read PICC Operating Parameter" E0 00 00 20 00 → E1 00 00 00 01 pp; set with E0 00 00 20 01 pp. */
export const ESCAPE_PICC_PARAMETER_READ = new Uint8Array([0xe0, 0x00, 0x00, 0x20, 0x00]);
export const ESCAPE_PICC_PARAMETER_SET_PREFIX = new Uint8Array([0xe0, 0x00, 0x00, 0x20, 0x01]);
/** PICC operating parameter bits: ISO 14443 Type A and Type B polled (1 = detect). */
export const PICC_TYPE_A = 0x01;
export const PICC_TYPE_B = 0x02;
/** "Read Auto PPS" E0 00 00 24 00 → E1 00 00 00 02 max current; set with E0 00 00 24 01 max. */
export const ESCAPE_AUTO_PPS_READ = new Uint8Array([0xe0, 0x00, 0x00, 0x24, 0x00]);
export const ESCAPE_AUTO_PPS_SET_PREFIX = new Uint8Array([0xe0, 0x00, 0x00, 0x24, 0x01]);
/** Auto PPS speeds: 00h 106, 01h 212, 02h 424, 03h 848 kbit/s. */
export const AUTO_PPS_SPEEDS: Readonly<Record<106 | 212 | 424 | 848, number>> = {
  106: 0x00,
  212: 0x01,
  424: 0x02,
  848: 0x03,
};

/** Sleep intervals of §6.6.17 (seconds → code); 0 = never sleep (04h). 60 s is the factory default. */
export const SLEEP_INTERVAL_CODES: Readonly<Record<0 | 60 | 90 | 120 | 180, number>> = {
  0: 0x04,
  60: 0x00,
  90: 0x01,
  120: 0x02,
  180: 0x03,
};

/** Firmware major revisions for which ACS's SDK keeps extended APDUs off. */
export const NO_EXTENDED_APDU_MAJOR_REVISIONS: readonly number[] = [0, 1, 3];

/** Largest datablock the 2-byte Len field of §5.4 can describe. */
export const MAX_DATABLOCK = 0xffff;
/** Message header: type, Length (2), Slot, Seq, Param, Check (§5.5.1). */
export const MESSAGE_HEADER = 7;
/**
 * Largest data one encrypted message can carry: the padded message must fit the 2-byte Len
 * (65535 → 65520 after block alignment) minus the 7-byte header.
 */
export const MAX_MESSAGE_DATA = Math.floor(MAX_DATABLOCK / 16) * 16 - MESSAGE_HEADER;
