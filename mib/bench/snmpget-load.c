/*
 * snmpget-load: SNMPv2c GET load generator for the ipmpd SNMP benchmark.
 * Keeps WINDOW requests in flight on one UDP socket for SECONDS and prints the rate.
 * Usage: snmpget-load HOST PORT COMMUNITY OID SECONDS WINDOW
 * Each response is parsed: error-status must be 0 and the value must not be an exception.
 */
#include <arpa/inet.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

/* Encodes a dotted OID as BER content; returns its length. */
static int encode_oid(const char *text, unsigned char *out) {
    unsigned long arcs[128] = {0};
    int n = 0;
    const char *p = text[0] == '.' ? text + 1 : text;
    while (*p && n < 128) {
        arcs[n++] = strtoul(p, (char **) &p, 10);
        if (*p == '.') p++;
    }
    int len = 0;
    out[len++] = (unsigned char) (arcs[0] * 40 + arcs[1]);
    for (int i = 2; i < n; i++) {
        unsigned char tmp[5];
        int k = 0;
        unsigned long v = arcs[i];
        do { tmp[k++] = v & 0x7f; v >>= 7; } while (v);
        while (k > 1) out[len++] = tmp[--k] | 0x80;
        out[len++] = tmp[0];
    }
    return len;
}

/* A minimal BER reader. */
static int read_tl(const unsigned char *b, int n, int *pos, int *tag, int *len) {
    if (*pos + 2 > n) return -1;
    *tag = b[(*pos)++];
    int l = b[(*pos)++];
    if (l & 0x80) {
        int k = l & 0x7f;
        l = 0;
        while (k-- > 0) { if (*pos >= n) return -1; l = (l << 8) | b[(*pos)++]; }
    }
    *len = l;
    return *pos + l <= n ? 0 : -1;
}

static long read_int(const unsigned char *b, int pos, int len) {
    long v = (b[pos] & 0x80) ? -1 : 0;
    for (int i = 0; i < len; i++) v = (v << 8) | b[pos + i];
    return v;
}

int main(int argc, char **argv) {
    if (argc != 7) {
        fprintf(stderr, "usage: %s HOST PORT COMMUNITY OID SECONDS WINDOW\n", argv[0]);
        return 2;
    }
    const char *community = argv[3];
    double seconds = atof(argv[5]);
    int window = atoi(argv[6]);
    unsigned char oid[256];
    int oid_len = encode_oid(argv[4], oid);
    int clen = (int) strlen(community);

    /* varbind list: 30 vbl { 30 vb { 06 oid, 05 00 } } */
    int vb_len = 2 + oid_len + 2;
    int vbl_len = 2 + vb_len;
    int pdu_len = 6 + 3 + 3 + 2 + vbl_len;       /* request-id(4 bytes), error-status, error-index */
    int msg_len = 3 + 2 + clen + 2 + pdu_len;
    if (msg_len > 127 || pdu_len > 127) { fprintf(stderr, "OID or community too long\n"); return 2; }
    unsigned char req[256];
    int p = 0;
    req[p++] = 0x30; req[p++] = (unsigned char) msg_len;
    req[p++] = 0x02; req[p++] = 1; req[p++] = 1;                          /* version: v2c */
    req[p++] = 0x04; req[p++] = (unsigned char) clen; memcpy(req + p, community, clen); p += clen;
    req[p++] = 0xa0; req[p++] = (unsigned char) pdu_len;                  /* GetRequest */
    int id_pos = p + 2;
    req[p++] = 0x02; req[p++] = 4; p += 4;                                /* request-id */
    req[p++] = 0x02; req[p++] = 1; req[p++] = 0;
    req[p++] = 0x02; req[p++] = 1; req[p++] = 0;
    req[p++] = 0x30; req[p++] = (unsigned char) vbl_len;                 /* varbind list */
    req[p++] = 0x30; req[p++] = (unsigned char) vb_len;                  /* varbind */
    req[p++] = 0x06; req[p++] = (unsigned char) oid_len; memcpy(req + p, oid, oid_len); p += oid_len;
    req[p++] = 0x05; req[p++] = 0;

    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in to = {0};
    to.sin_family = AF_INET;
    to.sin_port = htons((uint16_t) atoi(argv[2]));
    inet_pton(AF_INET, argv[1], &to.sin_addr);
    if (connect(s, (struct sockaddr *) &to, sizeof to) != 0) { perror("connect"); return 1; }

    uint32_t next_id = 1;
    long ok = 0, errors = 0, lost = 0, in_flight = 0;
    double start = now(), end = start + seconds;
    unsigned char resp[2048];
    while (now() < end) {
        while (in_flight < window) {
            uint32_t id = next_id++ & 0x7fffffff;
            req[id_pos] = id >> 24; req[id_pos + 1] = id >> 16; req[id_pos + 2] = id >> 8; req[id_pos + 3] = id;
            if (send(s, req, p, 0) == p) in_flight++;
        }
        struct pollfd pf = {s, POLLIN, 0};
        if (poll(&pf, 1, 200) <= 0) {                 /* a lost datagram: refill the window */
            lost += in_flight;
            in_flight = 0;
            continue;
        }
        int n = (int) recv(s, resp, sizeof resp, 0);
        if (n <= 0) continue;
        in_flight--;
        int pos = 0, tag, len, good = 0;
        if (read_tl(resp, n, &pos, &tag, &len) == 0 && tag == 0x30
                && read_tl(resp, n, &pos, &tag, &len) == 0 && (pos += len, 1)            /* version */
                && read_tl(resp, n, &pos, &tag, &len) == 0 && (pos += len, 1)            /* community */
                && read_tl(resp, n, &pos, &tag, &len) == 0 && tag == 0xa2
                && read_tl(resp, n, &pos, &tag, &len) == 0 && (pos += len, 1)            /* request-id */
                && read_tl(resp, n, &pos, &tag, &len) == 0 && read_int(resp, pos, len) == 0 && (pos += len, 1)
                && read_tl(resp, n, &pos, &tag, &len) == 0 && (pos += len, 1)            /* error-index */
                && read_tl(resp, n, &pos, &tag, &len) == 0                               /* varbind list */
                && read_tl(resp, n, &pos, &tag, &len) == 0                               /* varbind */
                && read_tl(resp, n, &pos, &tag, &len) == 0 && (pos += len, 1)            /* name */
                && read_tl(resp, n, &pos, &tag, &len) == 0 && tag != 0x80 && tag != 0x81 && tag != 0x82) {
            good = 1;
        }
        if (good) ok++; else errors++;
    }
    double elapsed = now() - start;
    printf("requests=%ld errors=%ld lost=%ld seconds=%.3f rate=%.0f\n", ok, errors, lost, elapsed, ok / elapsed);
    return errors == 0 ? 0 : 1;
}
