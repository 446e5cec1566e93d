/** The numbers query the file-link tests send for one person (eligibility and simulator-service). */
import { jstDate, type NumbersQuery } from '@onshikit/eligibility';

/** The insurance numbers and birth date of the person a query is about. */
export interface QueriedPerson {
  readonly insurerNumber: string;
  readonly number: string;
  readonly birthDate: string;
  readonly symbol?: string | undefined;
  readonly branch?: string | undefined;
}

/** A 医療機関コード 1312345678 numbers query for `person` under `fileId`, dated `checkDate` (today in JST by default). */
export const numbersQuery = (
  person: QueriedPerson,
  fileId: string,
  checkDate: string = jstDate(new Date()),
): NumbersQuery => ({
  kind: 'numbers',
  checkDate,
  institutionCode: '1312345678',
  fileId,
  insurerNumber: person.insurerNumber,
  number: person.number,
  birthDate: person.birthDate,
  ...(person.symbol === undefined ? {} : { symbol: person.symbol }),
  ...(person.branch === undefined ? {} : { branch: person.branch }),
});
