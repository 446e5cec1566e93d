/**
 * The ACS ACR1255U-J1 as the simulated reader understands it, written from the sources and
 * NOT from `@onshikit/reader-ble` (no codec, constant or crypto helper is imported from it):
 * if the host profile and this table read a source differently, a test fails.
 *
 * Sources, as cited in {@link ACR1255_SPEC}:
 * - `manual V1.01` / `manual V1.07`: ACR1255U-J1 Reference Manual (§ numbers of that edition).
 * - `SDK`: ACS's Android SDK for its Bluetooth readers (`acsbt`), as its published classes behave.
 * - `fidok`: an independent Kotlin client for ACS BLE readers (FIDO over an ACR1255U-J1).
 * - `obniz`: the obniz parts library's ACR1255 driver (JavaScript).
 * - `family`: other ACS reader manuals with the same escape (ACR1281U-C1, ACR1252U, ACM1252U-Y3).
 * - `CCID`: USB CCID 1.1 (the message layout the reader imitates).
 * - `simulator`: a choice of this simulator where no source says more.
 */

/** One row of the simulated reader's behaviour table. */
export interface SpecRow {
  readonly message: string;
  readonly behaviour: string;
  readonly source: string;
}

/** Bytes of the ACR1255U-J1 protocol, named once here for the simulator (its own copy). */
export const SPEC = {
  /** §5.4 frame: 05 | Len (2) | datablock | Check (XOR of Len and datablock) | 0A. */
  frameStart: 0x05,
  frameStop: 0x0a,
  /** §5.5.1 message header: Type, Length (2), Slot, Seq, Param, Check. */
  header: 7,
  /** ASCII "ACR1255U-J1 Auth": the published default Customer Master Key (SDK demo, obniz, fidok). */
  defaultMasterKey: new Uint8Array([
    0x41, 0x43, 0x52, 0x31, 0x32, 0x35, 0x35, 0x55, 0x2d, 0x4a, 0x31, 0x20, 0x41, 0x75, 0x74, 0x68,
  ]),
  gatt: {
    current: {
      service: '3c4afff0-4783-3de5-a983-d348718ef133',
      command: '3c4afff1-4783-3de5-a983-d348718ef133',
      response: '3c4afff2-4783-3de5-a983-d348718ef133',
    },
    legacy: {
      service: '0000fff0-0000-1000-8000-00805f9b34fb',
      command: '0000fff1-0000-1000-8000-00805f9b34fb',
      response: '0000fff2-0000-1000-8000-00805f9b34fb',
    },
    battery: {
      service: '0000180f-0000-1000-8000-00805f9b34fb',
      characteristic: '00002a19-0000-1000-8000-00805f9b34fb',
    },
  },
  command: { powerOn: 0x62, powerOff: 0x63, slotStatus: 0x65, escape: 0x6b, apdu: 0x6f },
  reply: {
    dataBlock: 0x80,
    slotStatus: 0x81,
    escape: 0x83,
    cardNotification: 0x50,
    hardwareError: 0x51,
    powerSaving: 0x52,
  },
  /** 50h Param as the SDK reads it. */
  notify: { absent: 0x02, present: 0x03 },
  /** Param of 80h/81h/83h: bits 7-6 00 processed / 01 failed; bits 1-0 00 active, 01 inactive, 10 absent. */
  param: { failed: 0x40, active: 0x00, inactive: 0x01, absent: 0x02 },
  /** Chaining Param of 6Fh and 80h. */
  chain: { single: 0x00, first: 0x01, last: 0x02, middle: 0x03, nextReply: 0x10 },
  hardwareError: {
    checksum: 0x01,
    timeout: 0x02,
    command: 0x03,
    authenticationRequired: 0x04,
    undefined: 0x05,
    receive: 0x06,
    tooManyAuthRetries: 0x07,
  },
} as const;

/** The behaviour table: every message the simulated reader handles, what it does, and why. */
export const ACR1255_SPEC: readonly SpecRow[] = [
  {
    message: 'frame',
    behaviour: '05 | Len (2, MSB) | datablock | XOR(Len, datablock) | 0A; a bad frame → 51h 01',
    source: 'manual V1.01 §5.4; obniz; fidok',
  },
  {
    message: 'message',
    behaviour: 'Type | Length (2) | Slot | Seq | Param | Check | Data, Check = XOR of the other bytes of the message',
    source: 'manual V1.01 §5.5.1; examples V1.01 §5.7.2 and V1.07 §5.6.7.1',
  },
  {
    message: 'encryption',
    behaviour:
      'after authentication every datablock is the message padded with FFh to 16 bytes, AES-128-CBC, zero IV, session key',
    source: 'obniz; fidok; ACR3901U-S1 manual §6.1.4.2',
  },
  {
    message: 'check and padding',
    behaviour: 'Check computed before padding; on receive checked up to the declared Length only',
    source: 'SDK; fidok (obniz covers the padding: not followed)',
  },
  {
    message: 'Seq',
    behaviour: 'a reply echoes its command’s Seq; 50h/51h/52h carry 00h',
    source: 'CCID bSeq; manual examples (Seq 00h)',
  },
  {
    message: '6Bh E0 00 00 45 00',
    behaviour: '83h E1 00 00 45 00 + Enc(MK, RND_A)',
    source: 'manual V1.01 §5.7.2–5.7.3',
  },
  {
    message: '6Bh E0 00 00 46 00 + 32 bytes',
    behaviour:
      'Enc(MK, data) = RND_B ‖ RND_A: right → 83h E1 00 00 46 00 + Enc(MK, RND_B), SK = RND_A[0:8] ‖ RND_B[0:8]; wrong → 83h E1 00 00 46 (no proof)',
    source: 'manual V1.01 §5.7.1, §5.7.4–5.7.5; SDK (checks E1 00 00 46 only)',
  },
  {
    message: 'any other command before authentication',
    behaviour: '51h 04 (authentication required)',
    source: 'manual V1.01 §5.6.6 ("Unauthorized"); SDK name',
  },
  {
    message: 'authentication after 3 wrong answers',
    behaviour: '51h 07 (too many authentication retries) on every link until a wake',
    source: 'SDK and fidok name code 07; the count 3 is the simulator’s',
  },
  {
    message: '62h power on',
    behaviour: 'card → 80h Param 00h + ATR; none → 80h Param 42h',
    source: 'manual V1.01 §5.6.1; SDK (failure = reply type with Param bits 7-6 = 01); fidok checks 40h',
  },
  {
    message: '63h power off',
    behaviour: '81h Param = ICC status (01h present, 02h absent)',
    source: 'manual V1.01 §5.6.2; CCID',
  },
  {
    message: '65h slot status',
    behaviour: '81h Param 00h active, 01h inactive, 02h absent',
    source: 'manual V1.01 §5.6.3',
  },
  {
    message: '6Fh APDU',
    behaviour: 'active card → 80h Param 00h + response; no card → 80h 42h; card not powered → 80h 41h',
    source: 'manual V1.01 §5.6.4; SDK; fidok',
  },
  {
    message: '6Fh Param 01h/03h/02h',
    behaviour: 'command blocks (first/middle/last) joined, one reply after the last block',
    source: 'SDK (blocks over 256 bytes); fidok (256-byte blocks, one reply)',
  },
  {
    message: '6Fh Param 10h, empty',
    behaviour: 'next block of a chained reply: 80h Param 03h (more) or 02h (last); the first block is 80h Param 01h',
    source: 'SDK; CCID bChainParameter; block size is the simulator’s option (default: no chaining)',
  },
  {
    message: '50h',
    behaviour: 'Param 03h card present, 02h absent, sent when a card arrives or leaves (only while Type B is polled)',
    source: 'SDK (the manual’s table prints 02h present / 03h absent)',
  },
  {
    message: '52h',
    behaviour: 'power saving: card powered down, link kept; the next 50h 03h brings the card back',
    source: 'SDK',
  },
  {
    message: 'E0 00 00 40 xx',
    behaviour: 'automatic polling on/off → E1 00 00 00 xx',
    source:
      'manual V1.01 §5.6.7.2 data; V1.07 §5.6.7.1 prints E1 00 00 40 01 but its Check 66h fits E1 00 00 00 01 only',
  },
  {
    message: 'E0 00 00 48 tt',
    behaviour: 'sleep interval 00h 60 s, 01h 90 s, 02h 120 s, 03h 180 s, 04h never → E1 00 00 00 01 tt',
    source: 'manual V1.01 §6.6.17 (00h–03h); SDK (04h disables sleep)',
  },
  {
    message: 'E0 00 00 18 00',
    behaviour: 'firmware version → E1 00 00 00 n + ASCII (default "ACR1255U-J1 SWV 3.00.05")',
    source: 'family; fidok sends it to this reader; version string seen on field readers',
  },
  {
    message: 'E0 00 00 20 00 / 20 01 pp',
    behaviour:
      'PICC operating parameter read/set → E1 00 00 00 01 pp; bit 0 Type A, bit 1 Type B; a card is seen only while its type is polled',
    source: 'family (ACR1281U-C1 §5.3.14); SDK reads it',
  },
  {
    message: 'E0 00 00 24 00 / 24 01 mm',
    behaviour: 'Auto PPS read/set → E1 00 00 00 02 max current; 00h 106 … 03h 848 kbit/s',
    source: 'family (ACR1281U-C1 §5.3.18)',
  },
  { message: 'other escapes / types', behaviour: '51h 03 (command error)', source: 'manual V1.01 §5.6.6' },
  {
    message: 'GATT',
    behaviour: 'current 3C4AFFF0/1/2 or legacy 0000FFF0/1/2 service; battery 180F/2A19 read + notify',
    source: 'manual V1.01 Table 4; SDK (both layouts)',
  },
];
