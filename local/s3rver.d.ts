declare module 's3rver' {
  interface S3rverOptions {
    address?: string;
    port?: number;
    directory?: string;
    silent?: boolean;
    configureBuckets?: { name: string; configs: (string | Buffer)[] }[];
  }
  export default class S3rver {
    constructor(options: S3rverOptions);
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
    /** S3 event notifications, one per object created or removed. */
    on(event: 'event', listener: (notification: { Records: { eventName: string; s3: { bucket: { name: string }; object: { key: string } } }[] }) => void): this;
  }
}
