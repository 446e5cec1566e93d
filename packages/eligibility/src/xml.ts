/**
 * `@onshikit/eligibility/xml`: the XmlMsg wire layer of the オンライン資格確認 interfaces
 * (docs/reference/oqs-messages.md): encoding and decoding requests and responses as bytes or as
 * element trees, the character-set detection and conversion (Shift_JIS / UTF-8), the size limit
 * and base64 for certificates and signatures.
 *
 * The rule for this entry: a name is here when it deals in XML bytes, element trees or their
 * encodings. An application sends and receives through an `EligibilityService`
 * (`HttpEligibilityService` in the root entry, `OqsFileLinkService` in `/node`) and never needs
 * these; a relay, the simulated service, a file-link sink or a test of the wire format does.
 * @module
 */
export {
  decodeEligibilityRequest,
  eligibilityRequestFromTree,
  eligibilityRequestToTree,
  encodeEligibilityRequest,
} from './xml/request-codec.js';
export {
  decodeEligibilityResponse,
  eligibilityResponseFromTree,
  eligibilityResponseToTree,
  encodeEligibilityResponse,
} from './xml/response-codec.js';
export { decodeText, detectXmlEncoding, encodeText, isShiftJisEncodable } from './xml/charset.js';
export { MAX_XML_BYTES } from './xml/xml-doc.js';
export { base64ToBytes, bytesToBase64 } from './xml/base64.js';
