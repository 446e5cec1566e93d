// node-tlv ships no types; the bench uses only TLV.parse and the node getters.
declare module 'node-tlv' {
  const TLV: unknown;
  export default TLV;
}
