/**
 * EventBridge's choice in the IP reading shared with SNS (../ruler/ip.ts): the one place the two
 * services' engines may differ there is Java's reading of dotted-decimal octets with leading
 * zeros, which the JDK decides rather than event-ruler.
 */
import type { LeadingZeroOctets } from '../ruler/ip';

/**
 * Current JDKs refuse ambiguous (octal-looking) octets such as `010`, so `"010.0.0.1"` is not an
 * IP address (and `{"cidr": "010.0.0.0/8"}` is an "Invalid IP address").
 */
export const LEADING_ZERO_OCTETS: LeadingZeroOctets = 'reject';
