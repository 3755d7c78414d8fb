export async function benchCustomers(): Promise<void> {
	console.log('(not yet written)');
}
