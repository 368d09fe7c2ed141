import { MemoryQueueStore } from './MemoryQueueStore.ts';
import { describeQueueStore } from './queueStoreContract.ts';

describeQueueStore('memory store', async () => new MemoryQueueStore());
